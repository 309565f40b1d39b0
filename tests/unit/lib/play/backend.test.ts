import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { chooseFastestBackend, makeDecodeProbe } from "../../../../lib/play/backend";

describe("backend choice", () => {
  it("times each working backend, reports a broken one, and leaves the fastest active", async () => {
    tf.registerBackend("broken-for-test", () => {
      throw new Error("no GPU here");
    });
    let fakeClock = 0;
    // cpu "takes" 10 ms per probe, wasm 1 ms: the fake clock makes the choice deterministic.
    const probe = makeDecodeProbe([6, 16, 784], 4);
    const choice = await chooseFastestBackend({
      candidates: ["cpu", "broken-for-test", "wasm", "not-registered"],
      probe: () => {
        probe();
        fakeClock += tf.getBackend() === "cpu" ? 10 : 1;
      },
      now: () => fakeClock,
    });
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

  it("the probe leaves no tensors behind and needs two widths", () => {
    const before = tf.memory().numTensors;
    makeDecodeProbe([4, 8, 784], 2)();
    assert.equal(tf.memory().numTensors, before);
    assert.throws(() => makeDecodeProbe([4]), /layer/);
  });

  it("throws a clear error when nothing works", async () => {
    await assert.rejects(chooseFastestBackend({ candidates: ["not-registered"], probe: () => {} }), /no tfjs backend/);
  });
});
