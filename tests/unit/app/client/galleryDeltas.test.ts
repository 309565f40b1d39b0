import { test } from "node:test";
import assert from "node:assert/strict";
import type { GalleryItemView } from "../../../../lib/contracts/gallery";
import { deltaParsers } from "../../../../app/client/deltas";
import { galleryItems } from "../../../../app/client/galleryState";
import {
  initialSessionState,
  sessionReducer,
  type SessionAction,
  type SessionState,
} from "../../../../app/client/sessionState";
import { oneRunSnapshot } from "./snapshotFixture";

const item = (id: string, createdAt: string, sessionId = "s1"): GalleryItemView => ({
  id,
  sessionId,
  checkpointId: null,
  kind: "generation",
  title: `item ${id}`,
  meta: {},
  createdAt,
  imageUrl: `/api/gallery/${id}/image.png`,
});

const snapshot = (seq: number) => oneRunSnapshot(seq);

const reduce = (actions: SessionAction[], from: SessionState = initialSessionState) =>
  actions.reduce(sessionReducer, from);
const created = (seq: number, i: GalleryItemView): SessionAction => ({
  type: "delta",
  delta: { type: "gallery-created", seq, item: i },
});
const deleted = (seq: number, itemId: string): SessionAction => ({
  type: "delta",
  delta: { type: "gallery-deleted", seq, itemId },
});

test("gallery deltas carry their seq: duplicates and what the snapshot already covers are dropped", () => {
  const a = item("a", "2026-12-01T00:00:01.000Z");
  const b = item("b", "2026-12-01T00:00:02.000Z");
  const s = reduce([
    { type: "join-started" },
    { type: "snapshot", snapshot: snapshot(4) },
    created(4, item("old", "2026-12-01T00:00:00.500Z")), // at the snapshot's seq: already seen
    created(5, a),
    created(5, a), // duplicate
    created(6, b),
  ]);
  assert.equal(s.seq, 6);
  assert.deepEqual(
    s.gallery.added.map((i) => i.id),
    ["b", "a"],
    "newest first, each once",
  );
});

test("gallery deltas that arrive during a join are replayed after the snapshot, in seq order with the rest", () => {
  const s = reduce([
    { type: "join-started" },
    created(3, item("early", "2026-12-01T00:00:01.000Z")),
    created(8, item("late", "2026-12-01T00:00:02.000Z")),
    { type: "snapshot", snapshot: snapshot(5) },
  ]);
  assert.equal(s.seq, 8);
  assert.deepEqual(
    s.gallery.added.map((i) => i.id),
    ["late"],
  );
});

test("a deleted item leaves the live list and hides the loaded copy; the gallery survives a rejoin's snapshot", () => {
  const a = item("a", "2026-12-01T00:00:01.000Z");
  let s = reduce([
    { type: "join-started" },
    { type: "snapshot", snapshot: snapshot(1) },
    created(2, a),
    deleted(3, "x"),
  ]);
  s = reduce([{ type: "disconnected" }, { type: "join-started" }, { type: "snapshot", snapshot: snapshot(1) }], s);
  assert.deepEqual(
    s.gallery.added.map((i) => i.id),
    ["a"],
    "the snapshot carries no gallery, so it does not replace it",
  );
  s = reduce([deleted(2, "a")], s);
  const loaded = [item("x", "2026-12-01T00:00:00.000Z"), item("y", "2026-12-01T00:00:00.100Z")];
  assert.deepEqual(
    galleryItems(loaded, s.gallery).map((i) => i.id),
    ["y"],
  );
});

test("an item of another session is not added", () => {
  const s = reduce([
    { type: "join-started" },
    { type: "snapshot", snapshot: snapshot(1) },
    created(2, item("z", "2026-12-01T00:00:01.000Z", "other")),
  ]);
  assert.equal(s.seq, 2);
  assert.deepEqual(s.gallery.added, []);
});

test("galleryItems merges live additions into the loaded page: newest first, no duplicates", () => {
  const loaded = [item("b", "2026-12-01T00:00:02.000Z"), item("a", "2026-12-01T00:00:01.000Z")];
  const live = { added: [item("c", "2026-12-01T00:00:03.000Z"), item("b", "2026-12-01T00:00:02.000Z")], removed: [] };
  assert.deepEqual(
    galleryItems(loaded, live).map((i) => i.id),
    ["c", "b", "a"],
  );
});

test("the socket's gallery events parse to reducer deltas with their seq; malformed ones throw", () => {
  const i = item("a", "2026-12-01T00:00:01.000Z");
  assert.deepEqual(deltaParsers["gallery:created"]({ seq: 7, item: i }), { type: "gallery-created", seq: 7, item: i });
  assert.deepEqual(deltaParsers["gallery:deleted"]({ seq: 8, itemId: "a" }), {
    type: "gallery-deleted",
    seq: 8,
    itemId: "a",
  });
  assert.throws(() => deltaParsers["gallery:created"]({ item: i }), /seq/);
  assert.throws(() => deltaParsers["gallery:deleted"]({ seq: 9, itemId: "../etc" }), /letters, digits/);
});
