import assert from "node:assert/strict";
import { test } from "node:test";
import { float32ToFloat16Bits, toFloat16 } from "../../../../lib/model/float16";

test("float32ToFloat16Bits matches IEEE half-precision bit patterns", () => {
  const cases: [number, number][] = [
    [0, 0x0000],
    [-0, 0x8000],
    [1, 0x3c00],
    [-2, 0xc000],
    [0.5, 0x3800],
    [65504, 0x7bff],
    [1e6, 0x7c00], // overflow -> Infinity
    [Infinity, 0x7c00],
    [2 ** -24, 0x0001], // smallest subnormal
    [2 ** -14, 0x0400], // smallest normal
    [1e-10, 0x0000], // underflow
    [1 + 2 ** -11, 0x3c00], // tie -> even (down)
    [1 + 3 * 2 ** -11, 0x3c02], // tie -> even (up)
  ];
  for (const [value, bits] of cases) assert.equal(float32ToFloat16Bits(value), bits, `value ${value}`);
  assert.equal(float32ToFloat16Bits(NaN) & 0x7c00, 0x7c00);
  assert.notEqual(float32ToFloat16Bits(NaN) & 0x3ff, 0);
});

test("toFloat16 encodes arrays element by element", () => {
  assert.deepEqual(Array.from(toFloat16(Float32Array.from([1, -2, 0.5]))), [0x3c00, 0xc000, 0x3800]);
});
