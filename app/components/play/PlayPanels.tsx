"use client";

import { lazy, Suspense, type ReactNode } from "react";
import type { LiveRun } from "../../client/sessionState";
import { textLink } from "../ui";
import { checkpointBaseUrl } from "./checkpointUrl";
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
  const base = checkpointBaseUrl(sessionId, checkpointId);

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
      <p className="text-sm text-slate-400">
        Model files (stock <code>tf.loadLayersModel</code>):{" "}
        <a className={textLink} href={`${base}/decoder/model.json`}>
          decoder
        </a>
        ,{" "}
        <a className={textLink} href={`${base}/encoder/model.json`}>
          encoder
        </a>
        ,{" "}
        <a className={textLink} href={`${base}/meta.json`}>
          meta.json
        </a>
      </p>
    </div>
  );
}

function Panel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="min-w-0 space-y-3">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      <Suspense fallback={<p className="text-sm text-slate-400">loading…</p>}>{children}</Suspense>
    </section>
  );
}
