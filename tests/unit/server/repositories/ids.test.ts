import assert from "node:assert/strict";
import { test } from "node:test";
import { newId } from "../../../../server/repositories/ids";

test("ids are 20 url-safe characters and sort in creation order, even within one millisecond", () => {
  const ids = Array.from({ length: 2000 }, () => newId(1_700_000_000_000));
  for (const id of ids) assert.match(id, /^[0-9a-z]{20}$/);
  assert.deepEqual([...ids].sort(), ids);
  assert.equal(new Set(ids).size, ids.length);
  assert.ok(newId(1_800_000_000_000) > ids[ids.length - 1]!);
});

test("a clock that steps back does not break the order", () => {
  const a = newId(1_900_000_000_000);
  const b = newId(1_899_999_999_000);
  assert.ok(b > a);
});
