import { test } from "node:test";
import assert from "node:assert/strict";
import { BytesSchema, Float32Schema } from "../../../../lib/contracts/binary";

test("binary schemas: typed arrays from any binary input; anything else is an issue with the schema's message", () => {
  assert.deepEqual([...BytesSchema.parse(new Uint8Array([1, 2]).buffer)], [1, 2]);
  const bad = BytesSchema.safeParse("not bytes");
  assert.equal(bad.success, false);
  assert.equal(bad.error.issues[0]?.message, "pixels must be binary");
  assert.equal(Float32Schema.safeParse(new Uint8Array(3)).error?.issues[0]?.message, "points must be binary float32");
  // A Buffer whose bytes start at an odd offset (Node's pooled Buffers): copied into an aligned Float32Array.
  const odd = Buffer.alloc(9).subarray(1);
  odd.writeFloatLE(2.5, 0);
  odd.writeFloatLE(-1, 4);
  assert.deepEqual([...Float32Schema.parse(odd)], [2.5, -1]);
});
