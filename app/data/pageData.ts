import { cache } from "react";
import { z } from "zod";
import { GalleryItemViewSchema, type GalleryItemView } from "../../lib/contracts/gallery";
import { SessionDetailResponseSchema, type SessionDetailResponse } from "../../lib/contracts/session";

/**
 * What server-rendered pages need to know before they render: does this session or gallery item exist?
 * Pages ask the app's own HTTP API over loopback, like any client (UI stays in app/, server code in
 * server/); `cache` shares one answer between generateMetadata and the page within a request.
 *
 * Server components only: reads PORT and HOST, which server/index.ts listens on.
 */

/** Loopback address of this process's HTTP server. */
export function internalOrigin(env: Record<string, string | undefined> = process.env): string {
  const port = env.PORT || "3000";
  const host = env.HOST;
  const hostname = !host || host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  return `http://${hostname}:${port}`;
}

/** "missing": the API says 404 (or 400, a malformed id); "unknown": it could not be asked; the page renders and the client reports. */
export type Lookup<T> = { found: T } | "missing" | "unknown";

async function lookup<T>(path: string, schema: z.ZodType<T>): Promise<Lookup<T>> {
  try {
    const res = await fetch(`${internalOrigin()}${path}`, { cache: "no-store", signal: AbortSignal.timeout(5000) });
    if (res.status === 404 || res.status === 400) return "missing";
    if (!res.ok) return "unknown";
    const parsed = schema.safeParse(await res.json());
    return parsed.success ? { found: parsed.data } : "unknown";
  } catch {
    return "unknown";
  }
}

/** The pages use its id and title; the client gets everything else over Socket.IO. */
export type SessionHead = SessionDetailResponse;

export const findSession = cache((id: string): Promise<Lookup<SessionHead>> => lookup(`/api/sessions/${encodeURIComponent(id)}`, SessionDetailResponseSchema));

export const findGalleryItem = cache((id: string): Promise<Lookup<GalleryItemView>> => lookup(`/api/gallery/${encodeURIComponent(id)}`, GalleryItemViewSchema));

/** The page title for a lookup: the thing's title when found. */
export function titleOf<T>(result: Lookup<T>, found: (v: T) => string, missing: string): string {
  return typeof result === "object" ? `${found(result.found)} · VAE Playground` : result === "missing" ? `${missing} · VAE Playground` : "VAE Playground";
}
