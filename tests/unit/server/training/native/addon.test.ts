import assert from "node:assert/strict";
import { test } from "node:test";
import { nativeKernelsSetting } from "../../../../../server/training/native/addon";

test("NATIVE_KERNELS: unset = auto, 0 = off, 1 = required, anything else is refused by name", () => {
  assert.equal(nativeKernelsSetting({}), "auto");
  assert.equal(nativeKernelsSetting({ NATIVE_KERNELS: " " }), "auto");
  assert.equal(nativeKernelsSetting({ NATIVE_KERNELS: "0" }), "off");
  assert.equal(nativeKernelsSetting({ NATIVE_KERNELS: "1" }), "required");
  assert.throws(() => nativeKernelsSetting({ NATIVE_KERNELS: "yes" }), /NATIVE_KERNELS=yes must be 0 or 1/);
});
