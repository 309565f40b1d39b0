import { test } from "node:test";
import assert from "node:assert/strict";
import { buildCreateBody, defaultValues, parseField } from "../../../../../app/components/home/trainForm";

test("fields parse through the shared schema and show its message", () => {
  assert.deepEqual(parseField("epochs", "3"), { value: 3 });
  assert.deepEqual(parseField("learningRate", "1e-3"), { value: 0.001 });
  assert.deepEqual(parseField("latentDim", "1"), { error: "latent size must be at least 2" });
  assert.deepEqual(parseField("beta", "11"), { error: "beta must be ≤ 10" });
  assert.deepEqual(parseField("encoderHidden", "64, 32"), { value: [64, 32] });
  assert.deepEqual(parseField("encoderHidden", "4"), { error: "a hidden layer needs at least 8 units" });
  assert.ok("error" in parseField("batchSize", "abc"));
  assert.ok("error" in parseField("epochs", "2.5"));
  assert.ok("error" in parseField("epochs", " "));
});

test("untouched defaults send no overrides", () => {
  const r = buildCreateBody({ choice: "vae-seed", dataset: "mnist", title: "", values: defaultValues("vae-seed") });
  assert.ok("body" in r);
  assert.deepEqual(r.body.runs, [{ preset: "vae-seed", overrides: {} }]);
  assert.equal(r.body.title, undefined);
  assert.equal(r.body.autostart, true);
});

test("the seed comparison makes two runs with the same changed fields", () => {
  const values = { ...defaultValues("vae-seed"), epochs: "3", trainSize: "300" };
  const r = buildCreateBody({ choice: "seed-comparison", dataset: "fashion-mnist", title: " Mine ", values });
  assert.ok("body" in r);
  assert.deepEqual(
    r.body.runs.map((x) => x.preset),
    ["vae-seed", "cvae-label"],
  );
  for (const run of r.body.runs) assert.deepEqual(run.overrides, { epochs: 3, trainSize: 300 });
  assert.equal(r.body.title, "Mine");
  assert.equal(r.body.dataset, "fashion-mnist");
});

test("invalid fields block the body and are reported by name", () => {
  const values = { ...defaultValues("cvae-label"), latentDim: "0", learningRate: "1" };
  const r = buildCreateBody({ choice: "cvae-label", dataset: "mnist", title: "", values });
  assert.ok("errors" in r);
  assert.deepEqual(Object.keys(r.errors).sort(), ["latentDim", "learningRate"]);
});
