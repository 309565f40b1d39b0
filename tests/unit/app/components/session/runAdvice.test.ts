import assert from "node:assert/strict";
import { test } from "node:test";
import { resolveConfig } from "../../../../../lib/model/config";
import { isReferenceSetup, referenceText, shortRunNote } from "../../../../../app/components/session/runAdvice";

test("a reference is shown only for the preset it was measured for, in its own setup", () => {
  assert.equal(referenceText(resolveConfig("vae-seed"), 3), "PyTorch, same model: 106.5 after 10 epochs");
  assert.equal(
    referenceText(resolveConfig("vae-seed"), 2),
    "PyTorch, same model: 126.7 after epoch 2 · 106.5 after 10 epochs",
  );
  assert.equal(referenceText(resolveConfig("vae-pytorch"), 10), "pytorch/examples: 105.6 after 10 epochs");
  // The issue's example: a CVAE with latent 2 must not show the plain VAE's 105.6.
  assert.equal(referenceText(resolveConfig("cvae-label", { latentDim: 2 }), 10), null);
  assert.equal(referenceText(resolveConfig("cvae-label"), 10), null);
  assert.equal(referenceText(resolveConfig("cvae-inpaint"), 10), null);
});

test("any change to the reference setup drops the reference", () => {
  assert.ok(isReferenceSetup(resolveConfig("vae-seed")));
  assert.ok(
    isReferenceSetup(resolveConfig("vae-seed", { epochs: 30, seed: 7 })),
    "epochs and seed do not change what epoch 10 should reach",
  );
  for (const change of [
    { latentDim: 2 },
    { beta: 3 },
    { klWarmupEpochs: 2 },
    { learningRate: 5e-4 },
    { batchSize: 20 },
    { trainSize: 10000 },
    { testSize: 1000 },
    { encoderHidden: [512] },
    { dataset: "fashion-mnist" as const },
  ]) {
    assert.equal(referenceText(resolveConfig("vae-seed", change), 10), null, JSON.stringify(change));
  }
});

test("shortRunNote warns about runs of fewer than 10 epochs or 30,000 images, with measured numbers only", () => {
  assert.equal(shortRunNote(resolveConfig("cvae-label")), null);
  assert.equal(shortRunNote(resolveConfig("vae-seed", { epochs: 10, trainSize: 30000 })), null);
  const label = shortRunNote(resolveConfig("cvae-label", { epochs: 3, trainSize: 10000 }))!;
  assert.match(
    label,
    /^A short run on a small training set \(3 epochs on 10,000 training images\): generated digits will be blurrier, and more often not the digit you asked for/,
  );
  assert.match(label, /after 10 epochs on all 60,000 images: only about 76 %/);
  assert.match(
    shortRunNote(resolveConfig("cvae-label", { epochs: 3, latentDim: 2 }))!,
    /^A short run \(3 epochs on 60,000 .*99 % .* latent size 2\.$/,
  );
  assert.match(
    shortRunNote(resolveConfig("cvae-label", { epochs: 60, trainSize: 20000 }))!,
    /^A small training set \(60 epochs on 20,000 training images\)/,
  );
  assert.match(shortRunNote(resolveConfig("cvae-label", { epochs: 3, beta: 3 }))!, /97 % .* β = 3/);
  assert.match(
    shortRunNote(resolveConfig("cvae-label", { epochs: 3, latentDim: 8 }))!,
    /76 % .* latent size 20 and β = 1, 99 % with latent size 2/,
  );
  assert.match(
    shortRunNote(resolveConfig("vae-seed", { epochs: 1 }))!,
    /^A short run \(1 epoch on 60,000 training images\): expect blurrier digits than the README's numbers/,
  );
  assert.match(shortRunNote(resolveConfig("cvae-inpaint", { trainSize: 600 }))!, /blurrier fills of the hole/);
  assert.match(shortRunNote(resolveConfig("vae-seed", { epochs: 2, dataset: "fashion-mnist" }))!, /blurrier pictures/);
});
