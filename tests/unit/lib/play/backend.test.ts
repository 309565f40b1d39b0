import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { chooseFastestBackend, makeDecodeProbe } from "../../../../lib/play/backend";

/** Runs `fn` with console.warn captured: what TensorFlow.js warns about on purpose is checked, not printed. */
async function withWarnings<T>(fn: () => Promise<T>): Promise<{ result: T; warnings: string[] }> {
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(" "));
  try {
    return { result: await fn(), warnings };
  } finally {
    console.warn = warn;
  }
}

describe("backend choice", () => {
  it("times each working backend, reports a broken one, and leaves the fastest active", async () => {
    tf.registerBackend("broken-for-test", () => {
      throw new Error("no GPU here");
    });
    let fakeClock = 0;
    // cpu "takes" 10 ms per probe, wasm 1 ms: the fake clock makes the choice deterministic.
    const probe = makeDecodeProbe([6, 16, 784], 4);
    const { result: choice, warnings } = await withWarnings(() =>
      chooseFastestBackend({
        candidates: ["cpu", "broken-for-test", "wasm", "not-registered"],
        probe: () => {
          probe();
          fakeClock += tf.getBackend() === "cpu" ? 10 : 1;
        },
        now: () => fakeClock,
      }),
    );
    // TensorFlow.js itself reports the failing factory (with its stack): expected here, so checked instead of printed.
    assert.ok(
      warnings.some((w) => w.includes("Initialization of backend broken-for-test failed")),
      warnings.join("\n"),
    );
    assert.ok(warnings.some((w) => w.includes("no GPU here")));
    assert.equal(choice.chosen, "wasm");
    assert.equal(tf.getBackend(), "wasm");
    assert.deepEqual(
      choice.measurements.map((m) => [m.name, m.ok, m.ms]),
      [
        ["cpu", true, 10],
        ["broken-for-test", false, null],
        ["wasm", true, 1],
      ],
    );
    tf.removeBackend("broken-for-test");
  });

  it("keeps the preferred backend unless another one is clearly faster", async () => {
    let clock = 0;
    const cost: Record<string, number> = { cpu: 8, wasm: 10 };
    const run = (margin: number) =>
      chooseFastestBackend({
        candidates: ["cpu", "wasm"],
        probe: () => (clock += cost[tf.getBackend()] ?? 0),
        now: () => clock,
        prefer: "wasm",
        margin,
      });
    assert.equal((await run(0.7)).chosen, "wasm"); // 8 ms is not < 0.7 x 10 ms
    assert.equal((await run(0.9)).chosen, "cpu");
  });

  it("the probe keeps only its weights (2 layers) until disposed, and needs two widths", () => {
    const before = tf.memory().numTensors;
    const probe = makeDecodeProbe([4, 8, 784], 2);
    probe();
    probe();
    assert.equal(tf.memory().numTensors, before + 2);
    probe.dispose();
    assert.equal(tf.memory().numTensors, before);
    assert.throws(() => makeDecodeProbe([4]), /layer/);
  });

  it("throws a clear error when nothing works", async () => {
    await assert.rejects(chooseFastestBackend({ candidates: ["not-registered"], probe: () => {} }), /no tfjs backend/);
  });
});
