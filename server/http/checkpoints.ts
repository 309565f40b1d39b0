import { z } from "zod";
import type { ExportedModel } from "../../lib/contracts/training";
import { isWeightDtype, WEIGHT_DTYPES, withWeightDtype, type WeightDtype } from "../../lib/model/weightDtype";
import type { CheckpointRecord, RunRecord } from "../repositories/types";
import { CheckpointCache } from "../sessions/checkpointCache";
import { DomainError, runNotFound, sessionNotFound } from "../sessions/errors";
import { toCheckpointView } from "../sessions/views";
import { HttpError, sendBytes, sendJson } from "./respond";
import type { Route, RouteContext } from "./router";
import { IdParamSchema } from "./sessions";

const PartSchema = z.enum(["encoder", "decoder"]);
const RunQuerySchema = z.object({ run: IdParamSchema.optional() });
const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * `?dtype=` of a model-file request; float16 by default (half the download; a float16-stored checkpoint
 * is float16 anyway). tfjs's http loader does not resolve weight paths as URLs: it concatenates the
 * model.json's directory, the manifest path and the model.json's OWN query string, so `model.json?dtype=x`
 * whose manifest says `weights.bin?dtype=x` fetches `weights.bin?dtype=x?dtype=x`. Every `?`-separated
 * part of the raw query is therefore read, and all the dtypes given must agree.
 */
export function requestedDtype(rawUrl: string): WeightDtype {
  const parts = rawUrl.split("?").slice(1);
  const given = new Set(parts.flatMap((p) => new URLSearchParams(p).getAll("dtype")));
  const [dtype = "float16", ...others] = [...given];
  if (others.length > 0) throw new HttpError(400, `conflicting dtype values: ${[...given].join(", ")}`);
  if (!isWeightDtype(dtype)) throw new HttpError(400, `dtype must be ${WEIGHT_DTYPES.join(" or ")} (got "${dtype}")`);
  return dtype;
}

/**
 * model.json with one weights group pointing at `weightsPath` (relative to the model.json URL; tfjs's
 * http loader also appends the model.json's query). Groups are merged in order: tfjs concatenates them anyway.
 */
export function modelJsonFor(model: ExportedModel, weightsPath: string): Record<string, unknown> {
  const manifest = (model.modelJson.weightsManifest ?? []) as { paths: string[]; weights: unknown[] }[];
  const weights = manifest.flatMap((g) => g.weights);
  return { ...model.modelJson, weightsManifest: [{ paths: [weightsPath], weights }] };
}

async function sessionRuns(ctx: RouteContext): Promise<{ sessionId: string; runs: RunRecord[] }> {
  const sessionId = IdParamSchema.parse(ctx.params.id);
  const runs = await ctx.deps.repos.runs.listBySession(sessionId);
  if (runs.length === 0 && !(await ctx.deps.repos.sessions.get(sessionId))) throw sessionNotFound();
  return { sessionId, runs: runs.sort((a, b) => a.index - b.index) };
}

export function checkpointRoutes(): Route[] {
  // Normally the app's shared cache (filled as checkpoints are stored); a private one otherwise.
  const ownCache = new CheckpointCache();

  /** Resolves ":ckpt" ("latest" + ?run, or an id) to a checkpoint of this session. */
  async function resolve(ctx: RouteContext): Promise<{ record: CheckpointRecord; latest: boolean }> {
    const { runs } = await sessionRuns(ctx);
    const cache = ctx.deps.checkpointCache ?? ownCache;
    const ckpt = ctx.params.ckpt ?? "";
    const load = (id: string) => ctx.deps.repos.checkpoints.get(id);
    if (ckpt === "latest") {
      const { run: runId } = RunQuerySchema.parse(Object.fromEntries(ctx.query));
      const run = runId ? runs.find((r) => r.id === runId) : runs[0];
      if (!run) throw runNotFound();
      const last = (await ctx.deps.repos.checkpoints.list(run.id)).at(-1);
      const record = last ? await cache.get(last.id, load) : null;
      if (!record) throw new DomainError("not_found", "this run has no checkpoint yet");
      return { record, latest: true };
    }
    const id = IdParamSchema.parse(ckpt);
    const record = await cache.get(id, load);
    if (!record || !runs.some((r) => r.id === record.runId)) throw new DomainError("not_found", "checkpoint not found in this session");
    return { record, latest: false };
  }

  /** The checkpoint's `part` with weights encoded as `dtype`, converted once per cached checkpoint. */
  function served(ctx: RouteContext, record: CheckpointRecord, part: "encoder" | "decoder", dtype: WeightDtype): ExportedModel {
    const cache = ctx.deps.checkpointCache ?? ownCache;
    return cache.variant(record, `${part}:${dtype}`, () => withWeightDtype(record.artifacts[part], dtype));
  }

  const headers = (latest: boolean) => ({
    "Access-Control-Allow-Origin": "*",
    "Cache-Control": latest ? "no-cache" : IMMUTABLE,
  });

  return [
    {
      method: "GET",
      path: "/api/sessions/:id/checkpoints",
      handler: async (ctx) => {
        const { runs } = await sessionRuns(ctx);
        const { run: runId } = RunQuerySchema.parse(Object.fromEntries(ctx.query));
        const chosen = runId ? runs.filter((r) => r.id === runId) : runs;
        if (runId && chosen.length === 0) throw runNotFound();
        const lists = await Promise.all(chosen.map((r) => ctx.deps.repos.checkpoints.list(r.id)));
        sendJson(ctx.res, 200, { checkpoints: lists.flat().map(toCheckpointView) }, { "Access-Control-Allow-Origin": "*" });
      },
    },
    {
      method: "GET",
      path: "/api/sessions/:id/checkpoints/:ckpt/meta.json",
      handler: async (ctx) => {
        const { record, latest } = await resolve(ctx);
        sendJson(ctx.res, 200, { ...record.artifacts.meta, checkpointId: record.id, runId: record.runId }, headers(latest));
      },
    },
    {
      method: "GET",
      path: "/api/sessions/:id/checkpoints/:ckpt/:part/model.json",
      handler: async (ctx) => {
        const part = PartSchema.parse(ctx.params.part);
        const dtype = requestedDtype(ctx.req.url ?? "");
        const { record, latest } = await resolve(ctx);
        // "latest" points its weights at the immutable by-id URL, so model.json and weights.bin can
        // never come from two different checkpoints (…/latest/decoder/../../<id>/decoder/weights.bin).
        // The path names its dtype so the bytes always match this manifest, however the query is resolved.
        const file = `weights.bin?dtype=${dtype}`;
        const weightsPath = latest ? `../../${record.id}/${part}/${file}` : file;
        sendJson(ctx.res, 200, modelJsonFor(served(ctx, record, part, dtype), weightsPath), headers(latest));
      },
    },
    {
      method: "GET",
      path: "/api/sessions/:id/checkpoints/:ckpt/:part/weights.bin",
      handler: async (ctx) => {
        const part = PartSchema.parse(ctx.params.part);
        const dtype = requestedDtype(ctx.req.url ?? "");
        const { record, latest } = await resolve(ctx);
        const bytes = new Uint8Array(served(ctx, record, part, dtype).weightData);
        sendBytes(ctx.res, 200, "application/octet-stream", bytes, headers(latest));
      },
    },
  ];
}
