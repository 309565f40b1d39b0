import assert from "node:assert/strict";
import { test } from "node:test";
import { encodeGridAnimation, PROGRESS_STRIP, rasterizeGrid, type GridPicture } from "../../../../lib/images/gridGif";
import { decodeGif, tileAt } from "./gifFrames";

/** A grid whose every tile differs from every other tile and from every other frame's. */
function grid(rows: number, cols: number, seed: number): GridPicture {
  const pixels = new Uint8Array(rows * cols * 784);
  let s = seed * 7919 + 1;
  for (let i = 0; i < pixels.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    pixels[i] = s >>> 24;
  }
  return { pixels, rows, cols };
}

test("rasterizeGrid puts tile (r, c) at gap + c * (28 + gap), scaled, with the gutter grey between tiles", () => {
  const g = grid(2, 3, 1);
  const { gray, width, height } = rasterizeGrid(g, { gap: 2, scale: 2 });
  assert.equal(width, (3 * 28 + 4 * 2) * 2);
  assert.equal(height, (2 * 28 + 3 * 2) * 2);
  assert.deepEqual(tileAt(gray, width, 1, 2, 2, 2), g.pixels.subarray(5 * 784, 6 * 784));
  assert.equal(gray[0], 64, "gutter");
  assert.throws(() => rasterizeGrid({ pixels: new Uint8Array(10), rows: 1, cols: 1 }), /need 784 bytes/);
});

test("encodeGridAnimation: one frame per grid with the grid's exact pixels, a progress strip, looping forever", () => {
  const epochs = [grid(4, 5, 1), grid(4, 5, 2), grid(4, 5, 3)];
  const gif = encodeGridAnimation(epochs, { scale: 2, gap: 2, frameMs: 500, lastFrameMs: 2000 });
  const decoded = decodeGif(gif);
  assert.equal(decoded.frames.length, 3);
  assert.equal(decoded.loopCount, 0);
  assert.equal(decoded.width, (5 * 28 + 6 * 2) * 2);
  assert.equal(decoded.height, (4 * 28 + 5 * 2 + PROGRESS_STRIP) * 2);
  assert.deepEqual(
    decoded.frames.map((f) => f.delayMs),
    [500, 500, 2000],
  );
  decoded.frames.forEach((frame, i) => {
    for (let r = 0; r < 4; r++) {
      for (let c = 0; c < 5; c++) {
        const want = epochs[i]!.pixels.subarray((r * 5 + c) * 784, (r * 5 + c + 1) * 784);
        assert.deepEqual(tileAt(frame.gray, decoded.width, r, c, 2, 2), want, `frame ${i}, tile (${r}, ${c})`);
      }
    }
    // The strip under the grid is filled (white) for (i + 1) / 3 of the width.
    const stripRow = frame.gray.subarray((decoded.height - 1) * decoded.width, decoded.height * decoded.width);
    const filled = stripRow.filter((v) => v === 255).length;
    assert.equal(filled, Math.round((decoded.width * (i + 1)) / 3));
  });
});

test("encodeGridAnimation refuses no frames and frames of different shapes", () => {
  assert.throws(() => encodeGridAnimation([]), /no frames/);
  assert.throws(() => encodeGridAnimation([grid(2, 2, 1), grid(2, 3, 1)]), /frame 1 is 2x3/);
});
