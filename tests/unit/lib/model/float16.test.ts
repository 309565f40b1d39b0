import assert from "node:assert/strict";
import { test } from "node:test";
import { float16BitsToFloat32, float32ToFloat16Bits, fromFloat16, toFloat16 } from "../../../../lib/model/float16";

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

test("float16BitsToFloat32 inverts the encoding (normal, subnormal, signed zero, Inf, NaN)", () => {
  for (const v of [0, 1, -2, 0.5, 65504, 2 ** -24, 2 ** -14, 3 * 2 ** -20, 0.333251953125, -1234, -1023.5]) {
    assert.equal(float16BitsToFloat32(float32ToFloat16Bits(v)), v, `value ${v}`);
  }
  assert.ok(Object.is(float16BitsToFloat32(0x8000), -0));
  assert.equal(float16BitsToFloat32(0x7c00), Infinity);
  assert.equal(float16BitsToFloat32(0xfc00), -Infinity);
  assert.ok(Number.isNaN(float16BitsToFloat32(0x7e00)));
  // Every one of the 63488 finite halves survives decode -> encode.
  for (let h = 0; h < 0x10000; h++) {
    if ((h & 0x7c00) === 0x7c00) continue;
    if (float32ToFloat16Bits(float16BitsToFloat32(h)) !== h) assert.fail(`half 0x${h.toString(16)}`);
  }
  assert.deepEqual(Array.from(fromFloat16(Uint16Array.from([0x3c00, 0xc000, 0x3800]))), [1, -2, 0.5]);
});
