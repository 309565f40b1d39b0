import assert from "node:assert/strict";
import { test } from "node:test";
import { downloadName, slugify } from "../../../../lib/images/downloadName";

test("slugify keeps ASCII letters and digits, folds accents and punctuation into single dashes", () => {
  assert.equal(slugify("Digits 0–9, one row each"), "digits-0-9-one-row-each");
  assert.equal(slugify("β = 4 on Fashion-MNIST"), "4-on-fashion-mnist");
  assert.equal(slugify("Crème brûlée!"), "creme-brulee");
  assert.equal(slugify("   "), "");
  assert.ok(slugify("x".repeat(100)).length <= 40);
});

test("downloadName says session, kind, what the picture shows, epoch and seed", () => {
  assert.equal(
    downloadName({
      sessionId: "k3j2x9",
      sessionTitle: "My run",
      kind: "generation",
      title: "Generated 7s",
      epoch: 10,
      seed: 3,
      extension: "png",
    }),
    "my-run_k3j2x9_generation_generated-7s_epoch10_seed3.png",
  );
  // A title that only repeats the kind is not repeated; missing parts are left out.
  assert.equal(
    downloadName({ sessionId: "aBc_9-x", kind: "prior", title: "Prior", extension: "gif" }),
    "session_aBc_9-x_prior.gif",
  );
});

test("downloadName differs whenever kind, title, epoch or seed differ (browsers would otherwise save 'name (1).png')", () => {
  const base = {
    sessionId: "s1",
    sessionTitle: "t",
    kind: "inpainting",
    title: "Inpainting result",
    epoch: 2,
    seed: 1,
    extension: "png" as const,
  };
  const variants = [
    base,
    { ...base, title: "Samples for the same mask" },
    { ...base, kind: "reconstruction" },
    { ...base, epoch: 3 },
    { ...base, seed: 2 },
    { ...base, sessionId: "s2" },
  ];
  const names = new Set(variants.map(downloadName));
  assert.equal(names.size, variants.length);
  for (const n of names) assert.match(n, /^[A-Za-z0-9_.-]+$/);
});
