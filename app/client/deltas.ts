import { DeltaSchemas, type DeltaEvent } from "../../lib/contracts/socket";
import type { SessionDelta } from "./sessionState";

/**
 * Socket event -> reducer delta. Each payload is parsed with its schema of lib/contracts/socket.ts (zod at the
 * boundary: a payload that does not match is rejected here, never half-applied to the UI), then renamed into the
 * reducer's vocabulary.
 */
export const deltaParsers: { [E in DeltaEvent]: (raw: unknown) => SessionDelta } = {
  "run:progress": (raw) => {
    const { seq, runId, sentAt: _sentAt, ...progress } = DeltaSchemas["run:progress"].parse(raw);
    return { type: "progress", seq, runId, progress };
  },
  "run:epoch": (raw) => {
    const { seq, runId, ...metrics } = DeltaSchemas["run:epoch"].parse(raw);
    return { type: "epoch", seq, runId, metrics };
  },
  "run:samples": (raw) => {
    const { seq, grids } = DeltaSchemas["run:samples"].parse(raw);
    return { type: "samples", seq, grids };
  },
  "run:checkpoint": (raw) => {
    const { seq, ...checkpoint } = DeltaSchemas["run:checkpoint"].parse(raw);
    return { type: "checkpoint", seq, checkpoint };
  },
  "run:latent": (raw) => {
    const { seq, ...latent } = DeltaSchemas["run:latent"].parse(raw);
    return { type: "latent", seq, latent };
  },
  "run:evaluation": (raw) => {
    const { seq, ...evaluation } = DeltaSchemas["run:evaluation"].parse(raw);
    return { type: "evaluation", seq, evaluation };
  },
  "run:status": (raw) => {
    const { seq, run } = DeltaSchemas["run:status"].parse(raw);
    return { type: "status", seq, run };
  },
  "gallery:created": (raw) => {
    const { seq, item } = DeltaSchemas["gallery:created"].parse(raw);
    return { type: "gallery-created", seq, item };
  },
  "gallery:deleted": (raw) => {
    const { seq, itemId } = DeltaSchemas["gallery:deleted"].parse(raw);
    return { type: "gallery-deleted", seq, itemId };
  },
};
