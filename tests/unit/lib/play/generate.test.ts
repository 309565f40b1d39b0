import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  decodeOne,
  interpolationGrid,
  labelRowsGrid,
  latentPlaneGrid,
  linspace,
  priorGrid,
  reconstructionGrid,
  traversalGrid,
} from "../../../../lib/play/generate";
import { decodeProbs, encodeMean, sampleLatents } from "../../../../lib/play/decode";
import { assertNoLeak, tinyModel, useWasm } from "./helpers";

before(useWasm);

describe("prior samples", () => {
  it("returns rows*cols tiles of 784 bytes and does not leak tensors", () => {
    const m = tinyModel("vae-seed");
    const g = assertNoLeak(() => priorGrid(m, { rows: 3, cols: 5, temperature: 1, seed: 1 }));
    assert.equal(g.rows, 3);
    assert.equal(g.cols, 5);
    assert.equal(g.pixels.length, 15 * 784);
  });

  it("is reproducible for a seed and changes with the seed", () => {
    const m = tinyModel("vae-seed");
    const a = priorGrid(m, { rows: 2, cols: 2, temperature: 1, seed: 3 });
    const b = priorGrid(m, { rows: 2, cols: 2, temperature: 1, seed: 3 });
    const c = priorGrid(m, { rows: 2, cols: 2, temperature: 1, seed: 4 });
    assert.deepEqual(a.pixels, b.pixels);
    assert.notDeepEqual(a.pixels, c.pixels);
  });

  it("temperature 0 decodes z = 0 for every tile, and scales the latent spread", () => {
    const m = tinyModel("vae-seed");
    const g = priorGrid(m, { rows: 1, cols: 3, temperature: 0, seed: 1 });
    assert.deepEqual(g.pixels.subarray(0, 784), g.pixels.subarray(784, 1568));
    const z = sampleLatents(4, 500, 0.5, 9);
    const sd = Math.sqrt(z.reduce((s, v) => s + v * v, 0) / z.length);
    assert.ok(Math.abs(sd - 0.5) < 0.05, `std ${sd}`);
  });

  it("rejects bad grid sizes and negative temperature", () => {
    const m = tinyModel("vae-seed");
    assert.throws(() => priorGrid(m, { rows: 0, cols: 2, temperature: 1, seed: 1 }), /grid must be/);
    assert.throws(() => priorGrid(m, { rows: 2, cols: 2, temperature: -1, seed: 1 }), /temperature/);
  });
});

describe("label models", () => {
  it("a grid of one digit differs from another digit's grid for the same z", () => {
    const m = tinyModel("cvae-label");
    const sevens = priorGrid(m, { rows: 2, cols: 2, temperature: 1, seed: 5, digit: 7 });
    const ones = priorGrid(m, { rows: 2, cols: 2, temperature: 1, seed: 5, digit: 1 });
    assert.notDeepEqual(sevens.pixels, ones.pixels);
    assert.throws(() => priorGrid(m, { rows: 1, cols: 1, temperature: 1, seed: 5, digit: 10 }), /digit/);
  });

  it("label rows: 10 rows labelled 0-9, row d equals a grid of digit d with the same z", () => {
    const m = tinyModel("cvae-label");
    const g = assertNoLeak(() => labelRowsGrid(m, { cols: 4, temperature: 1, seed: 11 }));
    assert.equal(g.rows, 10);
    assert.deepEqual(g.rowLabels, ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);
    const sevens = priorGrid(m, { rows: 1, cols: 4, temperature: 1, seed: 11, digit: 7 });
    assert.deepEqual(g.pixels.subarray(7 * 4 * 784, 8 * 4 * 784), sevens.pixels);
  });

  it("label rows refuse an unconditional model", () => {
    assert.throws(() => labelRowsGrid(tinyModel("vae-seed"), { cols: 2, temperature: 1, seed: 1 }), /labels/);
  });
});

describe("latent space views", () => {
  it("latent plane: steps x steps tiles, axes labelled from -3 to 3, centre column/row hit z = 0", () => {
    const m = tinyModel("vae-seed", 2);
    const g = assertNoLeak(() => latentPlaneGrid(m, { dims: [0, 1], steps: 5 }));
    assert.equal(g.pixels.length, 25 * 784);
    assert.deepEqual(g.colLabels, ["-3.0", "-1.5", "0.0", "1.5", "3.0"]);
    assert.deepEqual(g.rowLabels, ["3.0", "1.5", "0.0", "-1.5", "-3.0"]);
    const centre = g.pixels.subarray(12 * 784, 13 * 784);
    assert.deepEqual(centre, decodeOne(m, [0, 0]).pixels);
    assert.throws(() => latentPlaneGrid(m, { dims: [0, 0], steps: 3 }), /different/);
    assert.throws(() => latentPlaneGrid(m, { dims: [0, 2], steps: 3 }), /out of range/);
  });

  it("traversal: one row per dimension; the middle column equals the base vector's decode", () => {
    const m = tinyModel("vae-seed", 4);
    const base = [0.3, -0.2, 0.5, 0.1];
    const g = traversalGrid(m, { base: [0, -0.2, 0.5, 0.1], dims: [0, 2], steps: 3 });
    assert.equal(g.rows, 2);
    assert.deepEqual(g.rowLabels, ["z0", "z2"]);
    const mid = g.pixels.subarray(1 * 784, 2 * 784);
    assert.deepEqual(mid, decodeOne(m, [0, -0.2, 0.5, 0.1]).pixels);
    assert.throws(() => traversalGrid(m, { base: base.slice(0, 3), dims: [0], steps: 3 }), /latent vector/);
  });

  it("interpolation starts at `from` and ends at `to`", () => {
    const m = tinyModel("vae-seed", 4);
    const from = [1, 0, 0, 0];
    const to = [0, 0, -1, 2];
    const g = assertNoLeak(() => interpolationGrid(m, { from, to, steps: 6 }));
    assert.equal(g.cols, 6);
    assert.deepEqual(g.pixels.subarray(0, 784), decodeOne(m, from).pixels);
    assert.deepEqual(g.pixels.subarray(5 * 784), decodeOne(m, to).pixels);
  });

  it("linspace is inclusive", () => {
    assert.deepEqual(linspace(-1, 1, 3), [-1, 0, 1]);
    assert.throws(() => linspace(0, 1, 0));
  });
});

describe("reconstruction and decoding", () => {
  it("reconstruction grid: originals on top, decodes of the encoder mean below", () => {
    const m = tinyModel("vae-seed", 4);
    const images = Uint8Array.from({ length: 3 * 784 }, (_, i) => (i * 37) % 256);
    const g = assertNoLeak(() => reconstructionGrid(m, images));
    assert.deepEqual(g.rowLabels, ["original", "reconstruction"]);
    assert.deepEqual(g.pixels.subarray(0, 3 * 784), images);
    const mu = encodeMean(m, images.subarray(0, 784));
    assert.deepEqual(g.pixels.subarray(3 * 784, 4 * 784), decodeOne(m, mu).pixels);
  });

  it("a label model needs labels to reconstruct", () => {
    const m = tinyModel("cvae-label", 4);
    assert.throws(() => reconstructionGrid(m, new Uint8Array(784)), /label/);
    assert.equal(reconstructionGrid(m, new Uint8Array(784), [3]).pixels.length, 2 * 784);
  });

  it("decodeProbs returns probabilities in [0, 1] and checks the latent width", () => {
    const m = tinyModel("vae-seed", 4);
    const p = assertNoLeak(() => decodeProbs(m, new Float32Array(8)));
    assert.equal(p.length, 2 * 784);
    assert.ok(p.every((v) => v >= 0 && v <= 1));
    assert.throws(() => decodeProbs(m, new Float32Array(5)), /multiple/);
  });
});

describe("switching backends after load (the Play view's second backend measurement)", () => {
  it("a model built on wasm decodes the same after switching to cpu and back: weights follow lazily", async () => {
    const m = tinyModel("cvae-label", 3);
    const z = [0.3, -1.2, 2];
    const onWasm = decodeProbs(m, z, { digit: 5 });
    const tf = await import("@tensorflow/tfjs");
    try {
      assert.equal(await tf.setBackend("cpu"), true);
      const onCpu = decodeProbs(m, z, { digit: 5 });
      onCpu.forEach((v, i) => assert.ok(Math.abs(v - (onWasm[i] ?? NaN)) < 1e-5, `pixel ${i}`));
    } finally {
      assert.equal(await tf.setBackend("wasm"), true);
    }
    assert.deepEqual(decodeProbs(m, z, { digit: 5 }), onWasm);
  });
});
