import assert from "node:assert/strict";
import { test } from "node:test";
import { describeBudget, formatParams } from "../../../../../app/components/home/budgetText";
import { DEFAULT_RUN_LIMITS } from "../../../../../lib/budget/limits";
import { resolveConfig } from "../../../../../lib/model/config";

test("parameters read as people say them", () => {
  assert.equal(formatParams(12_345), "12,345");
  assert.equal(formatParams(549_688), "0.55 M");
  assert.equal(formatParams(8_000_000), "8 M");
  assert.equal(formatParams(28_787_600), "28.8 M");
});

test("a default run: size, memory and images against the limits, nothing over", () => {
  const summary = describeBudget(DEFAULT_RUN_LIMITS, [resolveConfig("vae-seed")])!;
  assert.deepEqual(
    summary.lines.map((l) => l.label),
    ["Model size", "Server memory", "Training images"],
  );
  assert.equal(summary.lines[0]!.text, "0.55 M parameters of 8 M allowed");
  assert.match(summary.lines[1]!.text, /^about \d{3} MB of 1,536 MB allowed$/);
  assert.equal(summary.lines[2]!.text, "600,000 (10 epochs × 60,000) of 3,000,000 allowed");
  assert.ok(summary.lines.every((l) => !l.over));
  assert.deepEqual(summary.problems, []);
  assert.match(summary.perVisitor, /Up to 8 of your runs may wait or train at once/);
});

test("the attack's model is over, with the server's own messages; a comparison reports its largest run", () => {
  const attack = resolveConfig("vae-seed", {
    encoderHidden: [2048, 2048, 2048, 2048],
    decoderHidden: [2048, 2048, 2048, 2048],
    latentDim: 64,
    batchSize: 1024,
  });
  const summary = describeBudget(DEFAULT_RUN_LIMITS, [attack])!;
  assert.deepEqual(
    summary.lines.map((l) => l.over),
    [true, true, false],
  );
  assert.match(summary.problems[0]!, /MAX_MODEL_PARAMS/);
  const pair = describeBudget(DEFAULT_RUN_LIMITS, [
    resolveConfig("vae-seed"),
    resolveConfig("cvae-label", { epochs: 60 }),
  ])!;
  assert.match(pair.lines[2]!.text, /^3,600,000 \(60 epochs × 60,000\) \(largest run\)/);
  assert.equal(pair.lines[2]!.over, true);
  assert.match(pair.perVisitor, /this session starts 2/);
  assert.equal(describeBudget(null, [attack]), null, "limits unknown: nothing shown");
  assert.equal(describeBudget(DEFAULT_RUN_LIMITS, null), null, "form invalid: nothing shown");
});
