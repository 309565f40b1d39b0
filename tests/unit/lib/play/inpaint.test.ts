import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { centredHoleMask } from "../../../../lib/data/masks";
import { HOLE_SHADE, inpaint } from "../../../../lib/play/inpaint";
import { decodeOne } from "../../../../lib/play/generate";
import { assertNoLeak, tinyModel, useWasm } from "./helpers";

before(useWasm);

const images = Uint8Array.from({ length: 2 * 784 }, (_, i) => (i * 53 + 11) % 256);

describe("inpainting", () => {
  it("keeps every observed pixel byte-exact in the filled row and in every sample", () => {
    const m = tinyModel("cvae-inpaint");
    const mask = centredHoleMask(10);
    const r = assertNoLeak(() => inpaint(m, images, mask, { samples: 3, seed: 2 }));
    assert.equal(r.grid.rows, 3);
    assert.equal(r.grid.cols, 2);
    assert.deepEqual(r.grid.rowLabels, ["flawed", "filled", "original"]);
    const filled = r.grid.pixels.subarray(2 * 784, 4 * 784);
    let hole = 0;
    for (let j = 0; j < 2; j++) {
      for (let i = 0; i < 784; i++) {
        if (mask[i] === 1) assert.equal(filled[j * 784 + i], images[j * 784 + i], `image ${j} pixel ${i}`);
        else hole++;
      }
    }
    assert.equal(hole, 2 * 100);
    assert.equal(r.samples.cols, 3);
    for (let s = 0; s < 3; s++) {
      for (let i = 0; i < 784; i++) if (mask[i] === 1) assert.equal(r.samples.pixels[s * 784 + i], images[i]);
    }
    // the original row is the input, untouched
    assert.deepEqual(r.grid.pixels.subarray(4 * 784), images);
  });

  it("the hole is painted by the decoder at z = 0 and shown shaded in the flawed row", () => {
    const m = tinyModel("cvae-inpaint");
    const mask = centredHoleMask(10);
    const r = inpaint(m, images.subarray(0, 784), mask);
    const x = Float32Array.from(images.subarray(0, 784), (v) => v / 255);
    const decoded = decodeOne(m, new Float32Array(m.latentDim), { image: x, mask }).pixels;
    const centre = 14 * 28 + 14;
    assert.equal(mask[centre], 0);
    assert.equal(r.grid.pixels[784 + centre], decoded[centre]);
    assert.equal(r.grid.pixels[centre], HOLE_SHADE);
  });

  it("different seeds give different samples; refuses non-inpainting models and bad masks", () => {
    const m = tinyModel("cvae-inpaint");
    const mask = centredHoleMask(10);
    const a = inpaint(m, images.subarray(0, 784), mask, { samples: 2, seed: 1 });
    const b = inpaint(m, images.subarray(0, 784), mask, { samples: 2, seed: 2 });
    assert.notDeepEqual(a.samples.pixels, b.samples.pixels);
    assert.throws(() => inpaint(tinyModel("vae-seed"), images, mask), /cvae-inpaint/);
    assert.throws(() => inpaint(m, images, new Float32Array(10)), /784/);
  });
});
