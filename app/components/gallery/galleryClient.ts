"use client";

import { ErrorBodySchema } from "../../../lib/contracts/errors";
import {
  CreateGalleryItemResponseSchema,
  DeleteGalleryItemResponseSchema,
  GalleryItemViewSchema,
  ListGalleryResponseSchema,
  ListGallerySessionsResponseSchema,
  type GallerySession,
  type CreateGalleryItemBody,
  type CreateGalleryItemResponse,
  type GalleryItemView,
  type ListGalleryResponse,
} from "../../../lib/contracts/gallery";
import { parseResponse } from "../../client/apiErrors";

/**
 * Browser client for /api/gallery. The author token returned by the first save is kept in
 * localStorage and sent with later saves (so they share it) and with deletes (the only proof of authorship).
 */

const TOKEN_KEY = "vae-playground:gallery-author-token";

export function authorToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function rememberToken(token: string): void {
  try {
    localStorage.setItem(TOKEN_KEY, token);
  } catch {
    // private mode: the item is saved, it just cannot be deleted from this browser later
  }
}

/** A sentence for a refused gallery request, by the error's code (lib/contracts/errors.ts); `notFound` for a 404. */
async function errorOf(res: Response, notFound?: string): Promise<string> {
  const parsed = ErrorBodySchema.safeParse(await res.json().catch(() => null));
  const error = parsed.success ? parsed.data.error : null;
  const why = error?.message ?? `HTTP ${res.status}`;
  if (error?.code === "rate_limited") return `${why}.`;
  if (error?.code === "forbidden") return "Only the browser that saved this item can delete it.";
  if (error?.code === "not_found" && notFound) return notFound;
  return `Could not complete the request: ${why}.`;
}

export async function saveToGallery(body: CreateGalleryItemBody): Promise<CreateGalleryItemResponse> {
  const token = authorToken();
  const res = await fetch("/api/gallery", {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(token ? { "X-Author-Token": token } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(await errorOf(res));
  const parsed = parseResponse(CreateGalleryItemResponseSchema, await res.json(), "/api/gallery", res.status);
  rememberToken(parsed.authorToken);
  rememberMine(parsed.item.id);
  return parsed;
}

export async function listGallery(q: {
  session?: string;
  before?: string | null;
  limit?: number;
}): Promise<ListGalleryResponse> {
  const params = new URLSearchParams();
  if (q.session) params.set("session", q.session);
  if (q.before) params.set("before", q.before);
  params.set("limit", String(q.limit ?? 24));
  const res = await fetch(`/api/gallery?${params}`);
  if (!res.ok) throw new Error(await errorOf(res));
  return parseResponse(ListGalleryResponseSchema, await res.json(), "/api/gallery", res.status);
}

/** Sessions that have pictures, newest activity first: the gallery's "from session" filter. */
export async function listGallerySessions(): Promise<GallerySession[]> {
  const res = await fetch("/api/gallery/sessions?limit=200");
  if (!res.ok) throw new Error(await errorOf(res));
  return parseResponse(ListGallerySessionsResponseSchema, await res.json(), "/api/gallery/sessions", res.status)
    .sessions;
}

export async function getGalleryItem(id: string): Promise<GalleryItemView> {
  const res = await fetch(`/api/gallery/${encodeURIComponent(id)}`);
  if (!res.ok) throw new Error(await errorOf(res, "This gallery item does not exist (or was deleted)."));
  return parseResponse(GalleryItemViewSchema, await res.json(), "/api/gallery/:id", res.status);
}

export async function deleteGalleryItem(id: string): Promise<void> {
  const token = authorToken();
  const res = await fetch(`/api/gallery/${encodeURIComponent(id)}`, {
    method: "DELETE",
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  if (!res.ok) throw new Error(await errorOf(res));
  parseResponse(DeleteGalleryItemResponseSchema, await res.json(), "/api/gallery/:id", res.status);
}

const MINE_KEY = "vae-playground:gallery-mine";

function rememberMine(id: string): void {
  try {
    const mine = new Set(JSON.parse(localStorage.getItem(MINE_KEY) ?? "[]") as string[]);
    mine.add(id);
    localStorage.setItem(MINE_KEY, JSON.stringify([...mine].slice(-500)));
  } catch {
    // not essential: only decides whether a Delete button is shown
  }
}

/** Whether this browser saved the item (to offer Delete; the server checks the token anyway). */
/** Calls `onChange` when another tab changes localStorage (for useSyncExternalStore). */
export function subscribeToStorage(onChange: () => void): () => void {
  window.addEventListener("storage", onChange);
  return () => window.removeEventListener("storage", onChange);
}

export function isMine(id: string): boolean {
  try {
    return (JSON.parse(localStorage.getItem(MINE_KEY) ?? "[]") as string[]).includes(id);
  } catch {
    return false;
  }
}
