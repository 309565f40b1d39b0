import assert from "node:assert/strict";
import { test } from "node:test";
import { largestAllowedOverrides } from "../../../../lib/budget/largestModel";
import { DEFAULT_RUN_LIMITS, runCost, runLimitViolations } from "../../../../lib/budget/limits";
import { estimateRunMemoryBytes, modelParameterCount, runImages } from "../../../../lib/budget/runCost";
import { PRESET_IDS, resolveConfig } from "../../../../lib/model/config";
import { ATTACK_OVERRIDES } from "../../../support/budgetFixtures";

const attack = resolveConfig("vae-seed", ATTACK_OVERRIDES);

test("parameter count = every dense layer's kernel and bias (vae-seed: 784-256-256-40 and 20-256-256-784)", () => {
  const expected = 785 * 256 + 257 * 256 + 257 * 40 + (21 * 256 + 257 * 256 + 257 * 784);
  assert.equal(modelParameterCount(resolveConfig("vae-seed")), expected);
  // cvae-inpaint's encoder and decoder also read the 1,568-wide condition.
  assert.equal(
    modelParameterCount(resolveConfig("cvae-inpaint")),
    (784 + 1568 + 1) * 512 + 513 * 40 + (20 + 1568 + 1) * 512 + 513 * 784,
  );
  assert.equal(runImages(resolveConfig("vae-seed")), 600_000);
});

test("the memory estimate grows with parameters, batch × widths and data", () => {
  const base = resolveConfig("vae-seed");
  const m = estimateRunMemoryBytes(base);
  assert.ok(estimateRunMemoryBytes({ ...base, batchSize: 1024 }) > m);
  assert.ok(estimateRunMemoryBytes({ ...base, encoderHidden: [512, 512] }) > m);
  assert.ok(estimateRunMemoryBytes({ ...base, trainSize: 1000 }) < m);
});

test("every preset at its defaults, and with hidden layers 1024, 1024, fits the default limits", () => {
  for (const preset of PRESET_IDS) {
    assert.deepEqual(runLimitViolations(resolveConfig(preset), DEFAULT_RUN_LIMITS), [], preset);
    const wide = resolveConfig(preset, { encoderHidden: [1024, 1024], decoderHidden: [1024, 1024] });
    assert.deepEqual(runLimitViolations(wide, DEFAULT_RUN_LIMITS), [], `${preset} 1024, 1024`);
  }
});

test("the attack is refused with messages naming each limit it exceeds and the variable", () => {
  const messages = runLimitViolations(attack, DEFAULT_RUN_LIMITS);
  assert.equal(messages.length, 2);
  assert.match(messages[0]!, /28,787,600 parameters; this server allows at most 8,000,000 \(MAX_MODEL_PARAMS\)/);
  assert.match(
    messages[1]!,
    /batch 1024 needs about [\d,]+ MB of server memory; this server allows 1,536 MB per run \(MAX_RUN_MEMORY_MB\)/,
  );
  const long = resolveConfig("vae-seed", { epochs: 500 });
  assert.match(
    runLimitViolations(long, DEFAULT_RUN_LIMITS)[0]!,
    /500 epochs × 60,000 images = 30,000,000 training images; this server allows 3,000,000 per run \(MAX_RUN_IMAGES/,
  );
  assert.deepEqual(runCost(long).images, 30_000_000);
});

test("the largest allowed model of the attack's shape fits, and 8 units wider does not", () => {
  const run = { epochs: 10, trainSize: 2048, testSize: 1000 };
  const largest = largestAllowedOverrides(DEFAULT_RUN_LIMITS, run);
  const width = largest.encoderHidden![0]!;
  assert.deepEqual(runLimitViolations(resolveConfig("vae-seed", largest), DEFAULT_RUN_LIMITS), []);
  const wider = resolveConfig("vae-seed", {
    ...largest,
    encoderHidden: Array(4).fill(width + 8),
    decoderHidden: Array(4).fill(width + 8),
  });
  assert.notDeepEqual(runLimitViolations(wider, DEFAULT_RUN_LIMITS), []);
  assert.ok(
    modelParameterCount(resolveConfig("vae-seed", largest)) > 0.95 * DEFAULT_RUN_LIMITS.maxModelParams,
    "close to the limit",
  );
});
