"use client";

import { lazy } from "react";
import type { LiveRun } from "../../client/sessionState";
import { checkpointBaseUrl } from "./checkpointUrl";
import { ModelFileLinks, Panel } from "./PlayPanel";
import type { SaveContext } from "./saveContext";
import type { LoadedModel } from "./usePlayModel";

const GeneratePanel = lazy(() => import("./GeneratePanel").then((m) => ({ default: m.GeneratePanel })));
const LatentPanel = lazy(() => import("./LatentPanel").then((m) => ({ default: m.LatentPanel })));
const InpaintPanel = lazy(() => import("./InpaintPanel").then((m) => ({ default: m.InpaintPanel })));
const PlayScatterMap = lazy(() => import("./PlayScatterMap").then((m) => ({ default: m.PlayScatterMap })));

/**
 * The Play view's panels, in the order they are shown — the source order is the keyboard and
 * screen-reader order, so it must match: Generate, Map of test images, Latent space, Reconstruction (or, for an
 * inpainting model, Inpainting alone: trained on visible pixels, it only draws grey blobs from an empty condition —
 * which is also why it gets no map to decode from).
 * `showAll` false renders only the first panel, so the first digits paint sooner.
 */
export function PlayPanels({
  sessionId,
  loaded,
  run,
  context,
  showAll,
}: {
  sessionId: string;
  loaded: LoadedModel;
  /** The loaded model's run (its latent scatters make the map). */
  run: LiveRun | undefined;
  context: SaveContext;
  showAll: boolean;
}) {
  const { model, checkpointId } = loaded;
  const inpaints = model.condition === "inpaint";

  return (
    <div
      className="flex flex-col gap-8"
      data-testid="play-panels"
      data-condition={model.condition}
      data-latent={model.latentDim}
    >
      {inpaints ? (
        <Panel id="inpaint-h" title="Inpainting">
          <InpaintPanel model={model} context={context} />
        </Panel>
      ) : (
        <>
          <Panel id="gen-h" title="Generate">
            <GeneratePanel key={checkpointId} model={model} context={context} />
          </Panel>
          <Panel id="map-h" title="Map of test images">
            {showAll && run && (
              <PlayScatterMap key={checkpointId} sessionId={sessionId} run={run} loaded={loaded} context={context} />
            )}
          </Panel>
          <Panel id="latent-h" title="Latent space">
            {showAll && <LatentPanel key={checkpointId} model={model} context={context} />}
          </Panel>
          <Panel id="recon-h" title="Reconstruction">
            {showAll && <InpaintPanel model={model} context={context} />}
          </Panel>
        </>
      )}
      <ModelFileLinks base={checkpointBaseUrl(sessionId, checkpointId)} />
    </div>
  );
}
