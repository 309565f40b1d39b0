import { test } from "node:test";
import assert from "node:assert/strict";
import { generationCard } from "../../../../../app/components/play/generation";

test("an unconditioned model's card: samples from the prior, a generation without a digit", () => {
  assert.deepEqual(generationCard(false, 0, 1, 3), {
    title: "Samples from the prior",
    kind: "generation",
    meta: { temperature: 1, seed: 3 },
    tileSize: 40,
  });
});

test("a label model's card: one digit is a generation with its digit; all digits are a label grid of smaller tiles", () => {
  assert.deepEqual(generationCard(true, 7, 0.5, 2), {
    title: "Generated 7s",
    kind: "generation",
    meta: { temperature: 0.5, seed: 2, digit: 7 },
    tileSize: 40,
  });
  assert.deepEqual(generationCard(true, "all", 1, 1), {
    title: "Digits 0–9, one row each",
    kind: "label-grid",
    meta: { temperature: 1, seed: 1 },
    tileSize: 36,
  });
});
