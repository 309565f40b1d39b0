import type { z } from "zod";
import { toFloat32Array } from "../../lib/contracts/binary";
import { ErrorBodySchema } from "../../lib/contracts/errors";
import {
  ClaimResponseSchema,
  ControlResponseSchema,
  CreateSessionResponseSchema,
  GridsResponseSchema,
  LatentEpochResponseSchema,
  SessionListResponseSchema,
  type ClaimResponse,
  type ControlAction,
  type CreateSessionBody,
  type CreateSessionResponse,
  type RunView,
  type SessionView,
} from "../../lib/contracts/session";
import { ApiError, explainError, explainHttpError, parseResponse } from "./apiErrors";
import type { LiveGrid, LiveLatent } from "./sessionState";

export { ApiError, explainError, explainHttpError } from "./apiErrors";

/**
 * Typed HTTP client for the app server's /api routes (same origin; the owner cookie rides along).
 * Every response body is parsed with exactly its schema of lib/contracts (the shape the server sends; anything else
 * is an ApiError saying so); refusals are `{ error: { code, message } }` and become an ApiError whose message says
 * what to do, chosen by the error's `code` (lib/contracts/errors.ts), never by the wording of the server's message.
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
  return parseResponse(schema, body, path, res.status);
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

/** A session as the home page lists it. */
export type SessionSummary = SessionView;

export async function listSessions(fetchImpl?: Fetch): Promise<SessionSummary[]> {
  return (await request(SessionListResponseSchema, "/api/sessions", {}, fetchImpl)).sessions;
}

export async function controlSession(
  sessionId: string,
  action: ControlAction,
  runId?: string,
  fetchImpl?: Fetch,
): Promise<RunView[]> {
  const body = await request(
    ControlResponseSchema,
    `/api/sessions/${encodeURIComponent(sessionId)}/control`,
    { method: "POST", body: JSON.stringify(runId ? { action, runId } : { action }) },
    fetchImpl,
  );
  return body.runs;
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
export function claimSession(sessionId: string, token: string, fetchImpl?: Fetch): Promise<ClaimResponse> {
  return request(
    ClaimResponseSchema,
    `/api/sessions/${encodeURIComponent(sessionId)}/claim`,
    { method: "POST", body: JSON.stringify({ token }) },
    fetchImpl,
  );
}

// ---------- grids of older epochs ----------

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
  const body = await request(
    GridsResponseSchema,
    `/api/sessions/${encodeURIComponent(sessionId)}/runs/${encodeURIComponent(runId)}/grids?epoch=${epoch}`,
    {},
    fetchImpl,
  );
  return body.grids.map((g) => ({
    runId: body.runId,
    epoch: body.epoch,
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
