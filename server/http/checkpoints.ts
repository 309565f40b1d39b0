import { IdSchema } from "../../lib/contracts/ids";
import { z } from "zod";
import type { CheckpointListResponse, CheckpointMetaResponse } from "../../lib/contracts/session";
import type { ExportedModel } from "../../lib/contracts/training";
import { isWeightDtype, WEIGHT_DTYPES, type WeightDtype } from "../../lib/model/weightDtype";
import { AppError } from "../errors";
import { sendBytes, sendJson } from "./respond";
import type { Route, RouteContext } from "./router";

const PartSchema = z.enum(["encoder", "decoder"]);
const RunQuerySchema = z.object({ run: IdSchema.optional() });
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
  if (others.length > 0) throw new AppError("bad_request", `conflicting dtype values: ${[...given].join(", ")}`);
  if (!isWeightDtype(dtype))
    throw new AppError("bad_request", `dtype must be ${WEIGHT_DTYPES.join(" or ")} (got "${dtype}")`);
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

/** The checkpoint the path names ("latest" + ?run, or an id), with the session id checked for shape. */
function resolve(ctx: RouteContext) {
  const sessionId = IdSchema.parse(ctx.params.id);
  const ckpt = ctx.params.ckpt ?? "";
  if (ckpt === "latest")
    return ctx.deps.checkpoints.latest(sessionId, RunQuerySchema.parse(Object.fromEntries(ctx.query)).run);
  return ctx.deps.checkpoints.byId(sessionId, IdSchema.parse(ckpt));
}

/** The encoder or decoder the path names, in the requested weight dtype. */
async function modelFile(ctx: RouteContext) {
  const part = PartSchema.parse(ctx.params.part);
  const dtype = requestedDtype(ctx.req.url ?? "");
  const { record, latest } = await resolve(ctx);
  return { part, dtype, record, latest, model: ctx.deps.checkpoints.model(record, part, dtype) };
}

export function checkpointRoutes(): Route[] {
  const headers = (latest: boolean) => ({
    "Access-Control-Allow-Origin": "*",
    "Cache-Control": latest ? "no-cache" : IMMUTABLE,
  });

  return [
    {
      method: "GET",
      path: "/api/sessions/:id/checkpoints",
      handler: async (ctx) => {
        const sessionId = IdSchema.parse(ctx.params.id);
        const { run: runId } = RunQuerySchema.parse(Object.fromEntries(ctx.query));
        const checkpoints = await ctx.deps.checkpoints.list(sessionId, runId);
        sendJson(ctx.res, 200, { checkpoints } satisfies CheckpointListResponse, {
          "Access-Control-Allow-Origin": "*",
        });
      },
    },
    {
      method: "GET",
      path: "/api/sessions/:id/checkpoints/:ckpt/meta.json",
      handler: async (ctx) => {
        const { record, latest } = await resolve(ctx);
        sendJson(
          ctx.res,
          200,
          { ...record.artifacts.meta, checkpointId: record.id, runId: record.runId } satisfies CheckpointMetaResponse,
          headers(latest),
        );
      },
    },
    {
      method: "GET",
      path: "/api/sessions/:id/checkpoints/:ckpt/:part/model.json",
      handler: async (ctx) => {
        const { part, dtype, record, latest, model } = await modelFile(ctx);
        // "latest" points its weights at the immutable by-id URL, so model.json and weights.bin can
        // never come from two different checkpoints (…/latest/decoder/../../<id>/decoder/weights.bin).
        // The path names its dtype so the bytes always match this manifest, however the query is resolved.
        const file = `weights.bin?dtype=${dtype}`;
        const weightsPath = latest ? `../../${record.id}/${part}/${file}` : file;
        sendJson(ctx.res, 200, modelJsonFor(model, weightsPath), headers(latest));
      },
    },
    {
      method: "GET",
      path: "/api/sessions/:id/checkpoints/:ckpt/:part/weights.bin",
      handler: async (ctx) => {
        const { latest, model } = await modelFile(ctx);
        sendBytes(ctx.res, 200, "application/octet-stream", new Uint8Array(model.weightData), headers(latest));
      },
    },
  ];
}
