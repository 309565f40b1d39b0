import type { RunView } from "../../../../lib/contracts/session";
import { resolveConfig } from "../../../../lib/model/config";
import type { NormalisedSnapshot } from "../../../../app/client/sessionState";

/** A training vae-seed run of three epochs, as a snapshot names it. */
export const runView: RunView = {
  id: "r1",
  index: 0,
  preset: "vae-seed",
  config: resolveConfig("vae-seed", { epochs: 3 }),
  status: "training",
  createdAt: "2026-12-01T00:00:00.000Z",
};

/** A session with that one run and nothing recorded yet, at `seq`. */
export const oneRunSnapshot = (seq: number, over: Partial<NormalisedSnapshot> = {}): NormalisedSnapshot => ({
  session: { id: "s1", title: "t", dataset: "mnist", createdAt: "2026-12-01T00:00:00.000Z", runs: [runView] },
  runs: { r1: { epochs: [], steps: [], progress: null, checkpoints: [], evaluation: null } },
  grids: [],
  gridEpochs: { r1: [] },
  latent: [],
  latentEpochs: { r1: [] },
  viewers: 1,
  isOwner: false,
  seq,
  ...over,
});
