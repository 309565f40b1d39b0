import { z } from "zod";
import {
  CreateSessionResponseSchema,
  LatentEpochResponseSchema,
  RunViewSchema,
  type ControlAction,
  type CreateSessionBody,
  type CreateSessionResponse,
  type RunView,
} from "../../lib/contracts/session";
import { ErrorBodySchema } from "../../lib/contracts/errors";
import { ApiError, explainError, explainHttpError } from "./apiErrors";
import { GridKindSchema } from "../../lib/contracts/training";
import type { LiveGrid, LiveLatent } from "./sessionState";
import { toFloat32Array } from "./wire";

export { ApiError, explainError, explainHttpError } from "./apiErrors";

/**
 * Typed HTTP client for the app server's /api routes (same origin; the owner cookie rides along).
 * Every response body is parsed with zod; failures become an ApiError whose message says what to do, chosen by
 * the error's `code` (lib/contracts/errors.ts), never by the wording of the server's message.
 * The server may wrap bodies as `{ data }` / `{ error }` (the socket Response<T> shape) or send them bare:
 * both are accepted.
 */

type Fetch = typeof fetch;

/** What `request` sends: a fetch init whose headers are a plain record (merged over the defaults). */
type RequestOptions = Omit<RequestInit, "headers"> & { headers?: Record<string, string> };

async function request<T>(
  schema: z.ZodType<T>,
  path: string,
  init: RequestOptions = {},
  fetchImpl: Fetch = fetch,
): Promise<T> {
  let res: Response;
  try {
    res = await fetchImpl(path, {
      ...init,
      credentials: "same-origin",
      headers: {
        Accept: "application/json",
        ...(init.body ? { "Content-Type": "application/json" } : {}),
        ...init.headers,
      },
    });
  } catch {
    throw new ApiError("Cannot reach the server. Check your connection and try again.", 0);
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  const failure = ErrorBodySchema.safeParse(body);
  if (failure.success) {
    const { code, message } = failure.data.error;
    throw new ApiError(explainError(code, message), res.status, code);
  }
  if (!res.ok) throw new ApiError(explainHttpError(res.status), res.status);
  const wrapped = body as { data?: unknown } | null;
  const payload = wrapped && typeof wrapped === "object" && "data" in wrapped ? wrapped.data : body;
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    throw new ApiError(
      `The server answered ${path} in an unexpected format. Reload the page; if it persists, report it.`,
      res.status,
    );
  }
  return parsed.data;
}

// ---------- sessions ----------

export function createSession(body: CreateSessionBody, fetchImpl?: Fetch): Promise<CreateSessionResponse> {
  return request(
    CreateSessionResponseSchema,
    "/api/sessions",
    { method: "POST", body: JSON.stringify(body) },
    fetchImpl,
  );
}

/** What the home page lists; loose on purpose (only what it shows). */
export const SessionSummarySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    dataset: z.string().optional(),
    createdAt: z.string(),
    runs: z.array(z.object({ preset: z.string(), status: z.string() }).loose()).default([]),
  })
  .loose();
export type SessionSummary = z.infer<typeof SessionSummarySchema>;

const SessionListSchema = z.union([
  z.array(SessionSummarySchema),
  z.object({ sessions: z.array(SessionSummarySchema) }).transform((o) => o.sessions),
  z.object({ items: z.array(SessionSummarySchema) }).transform((o) => o.items),
]);

export function listSessions(fetchImpl?: Fetch): Promise<SessionSummary[]> {
  return request(SessionListSchema, "/api/sessions", {}, fetchImpl);
}

const RunsResultSchema = z.union([
  z.array(RunViewSchema),
  z.object({ runs: z.array(RunViewSchema) }).transform((o) => o.runs),
  z.unknown().transform(() => [] as RunView[]),
]);

export function controlSession(
  sessionId: string,
  action: ControlAction,
  runId?: string,
  fetchImpl?: Fetch,
): Promise<RunView[]> {
  return request(
    RunsResultSchema,
    `/api/sessions/${encodeURIComponent(sessionId)}/control`,
    { method: "POST", body: JSON.stringify(runId ? { action, runId } : { action }) },
    fetchImpl,
  );
}

/** Copies the session's configuration into a new session owned by the caller. */
export function forkSession(sessionId: string, fetchImpl?: Fetch): Promise<CreateSessionResponse> {
  return request(
    CreateSessionResponseSchema,
    `/api/sessions/${encodeURIComponent(sessionId)}/fork`,
    { method: "POST", body: "{}" },
    fetchImpl,
  );
}

/** Exchanges a control-link token for the httpOnly owner cookie. */
export function claimSession(sessionId: string, token: string, fetchImpl?: Fetch): Promise<unknown> {
  return request(
    z.unknown(),
    `/api/sessions/${encodeURIComponent(sessionId)}/claim`,
    { method: "POST", body: JSON.stringify({ token }) },
    fetchImpl,
  );
}

// ---------- grids of older epochs ----------

const GridJsonSchema = z.object({
  runId: z.string().optional(),
  epoch: z.number().int().optional(),
  kind: GridKindSchema,
  rows: z.number().int().min(1),
  cols: z.number().int().min(1),
  rowLabels: z.array(z.string()).nullish(),
  pixelsBase64: z.string(),
});
const GridsResponseSchema = z.union([
  z.object({ grids: z.array(GridJsonSchema) }).transform((o) => o.grids),
  z.array(GridJsonSchema),
]);

export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Grids of one run at one epoch (for the epoch slider). */
export async function fetchGrids(
  sessionId: string,
  runId: string,
  epoch: number,
  fetchImpl?: Fetch,
): Promise<LiveGrid[]> {
  const grids = await request(
    GridsResponseSchema,
    `/api/sessions/${encodeURIComponent(sessionId)}/runs/${encodeURIComponent(runId)}/grids?epoch=${epoch}`,
    {},
    fetchImpl,
  );
  return grids.map((g) => ({
    runId,
    epoch: g.epoch ?? epoch,
    kind: g.kind,
    rows: g.rows,
    cols: g.cols,
    ...(g.rowLabels ? { rowLabels: g.rowLabels } : {}),
    pixels: base64ToBytes(g.pixelsBase64),
  }));
}

/** Per-run metrics downloads: JSON (epochs + steps), CSV of epochs or of step points. */
export function metricsUrl(sessionId: string, runId: string, format: "json" | "epochs.csv" | "steps.csv"): string {
  const base = `/api/sessions/${encodeURIComponent(sessionId)}/runs/${encodeURIComponent(runId)}`;
  if (format === "json") return `${base}/metrics.json`;
  return `${base}/metrics.csv?kind=${format === "epochs.csv" ? "epochs" : "steps"}`;
}

/** The run's sample grids of one kind over all epochs as an animated GIF (server/http/gridAnimation.ts). */
export function gridAnimationUrl(sessionId: string, runId: string, kind: string): string {
  return `/api/sessions/${encodeURIComponent(sessionId)}/runs/${encodeURIComponent(runId)}/grids.gif?kind=${encodeURIComponent(kind)}`;
}

/** One epoch's latent scatter of a run (server/http/latent.ts), for epochs older than the snapshot's. */
export async function fetchLatent(
  sessionId: string,
  runId: string,
  epoch: number,
  fetchImpl?: Fetch,
): Promise<LiveLatent> {
  const body = await request(
    LatentEpochResponseSchema,
    `/api/sessions/${encodeURIComponent(sessionId)}/runs/${encodeURIComponent(runId)}/latent?epoch=${epoch}`,
    {},
    fetchImpl,
  );
  const points = toFloat32Array(base64ToBytes(body.pointsBase64));
  const labels = base64ToBytes(body.labelsBase64);
  if (!points || points.length !== 2 * body.count || labels.length !== body.count) {
    throw new ApiError("The server sent a latent scatter this page cannot read. Reload the page.", 200);
  }
  return { runId, epoch: body.epoch, count: body.count, projection: body.projection, points, labels };
}

/** The session's comparison table as CSV (server/http/comparison.ts). */
export function comparisonCsvUrl(sessionId: string): string {
  return `/api/sessions/${encodeURIComponent(sessionId)}/comparison.csv`;
}
