import assert from "node:assert/strict";
import { test } from "node:test";
import { separationWords, summariseScatter } from "../../../../lib/latent/scatterSummary";

test("per label: count, centre, spread (root mean square distance to the centre)", () => {
  // label 0 at (0, ±1), label 1 at (10 ± 2, 0)
  const s = summariseScatter(new Float32Array([0, 1, 0, -1, 8, 0, 12, 0]), new Uint8Array([0, 0, 1, 1]));
  assert.equal(s.count, 4);
  assert.deepEqual(
    s.labels.map((l) => [l.label, l.count, l.centre, l.spread]),
    [
      [0, 2, [0, 0], 1],
      [1, 2, [10, 0], 2],
    ],
  );
  assert.ok(Math.abs(s.separation! - 10 / 1.5) < 1e-9, "centres 10 apart, mean spread 1.5");
  assert.equal(separationWords(s.separation), "separated");
});

test("mixed labels have a low separation; one label has none", () => {
  const pts = new Float32Array([1, 0, -1, 0, 0, 1, 0, -1]);
  const mixed = summariseScatter(pts, new Uint8Array([0, 0, 1, 1])); // both centres at the origin
  assert.ok(mixed.separation! < 1, `${mixed.separation}`);
  assert.equal(separationWords(mixed.separation), "mixed");
  assert.equal(separationWords(1.5), "partly separated");
  assert.equal(summariseScatter(pts, new Uint8Array([3, 3, 3, 3])).separation, null);
  assert.equal(separationWords(null), "one label only");
});
