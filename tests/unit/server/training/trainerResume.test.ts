import assert from "node:assert/strict";
import { before, test } from "node:test";
import { CheckpointMetaSchema, type CheckpointArtifacts } from "../../../../lib/contracts/training";
import { disposeVae } from "../../../../lib/model/build";
import { train } from "../../../../server/training/trainer";
import { useWasm } from "../../lib/tfWasm";
import { data, recorder, small } from "./trainerFixtures";

before(useWasm);

test("resume continues from the checkpoint's epoch + 1 with its weights", async () => {
  const config = small("vae-pytorch", { epochs: 4, batchSize: 16, encoderHidden: [64], decoderHidden: [64] });
  const first = recorder();
  const one = await train({ ...config, epochs: 3 }, data, first.hooks, { float16: true, progressIntervalMs: 0 });
  disposeVae(one.models);
  const ckpt = first.rec.checkpoints[2]!;
  assert.equal(ckpt.meta.float16, true);

  const second = recorder();
  const two = await train(config, data, second.hooks, { resumeFrom: ckpt, progressIntervalMs: 0 });
  assert.deepEqual(
    second.rec.epochs.map((e) => e.epoch),
    [4],
  );
  assert.equal(two.lastEpoch, 4);
  assert.equal(second.rec.progress[0]!.globalStep, 3 * 32 + 1);
  const firstStepLoss = second.rec.progress[0]!.loss;
  const fresh = first.rec.progress[0]!.loss;
  assert.ok(firstStepLoss < fresh - 50, `resumed step-1 loss ${firstStepLoss} vs fresh ${fresh}`);
  disposeVae(two.models);

  const done = await train(config, data, recorder().hooks, { resumeFrom: second.rec.checkpoints[0]! });
  assert.deepEqual([done.lastEpoch, done.stopped], [4, false], "nothing left to train");
  disposeVae(done.models);

  await assert.rejects(
    train({ ...config, latentDim: 5 }, data, recorder().hooks, { resumeFrom: ckpt }),
    /checkpoint does not fit/,
  );
});

test("a resumed run continues exactly where it stopped: Adam's state travels in the checkpoint", async () => {
  const config = small("vae-seed", { epochs: 3, batchSize: 32 });
  const whole = recorder();
  disposeVae((await train(config, data, whole.hooks)).models);
  const firstTwo = recorder();
  disposeVae((await train({ ...config, epochs: 2 }, data, firstTwo.hooks)).models);
  const ckpt = firstTwo.rec.checkpoints[1]!;
  assert.equal(ckpt.optimizer?.step, 2 * 16, "two epochs of 16 steps");
  assert.equal(
    ckpt.optimizer.moments.byteLength,
    (8 * ckpt.encoder.weightData.byteLength) / 4 + (8 * ckpt.decoder.weightData.byteLength) / 4,
  );

  const bytes = (a: CheckpointArtifacts): number[] => [
    ...new Uint8Array(a.encoder.weightData),
    ...new Uint8Array(a.decoder.weightData),
  ];
  const resumed = recorder();
  disposeVae((await train(config, data, resumed.hooks, { resumeFrom: ckpt })).models);
  assert.deepEqual(
    bytes(resumed.rec.checkpoints[0]!),
    bytes(whole.rec.checkpoints[2]!),
    "epoch 3 resumed == epoch 3 uninterrupted, bit for bit",
  );
  assert.equal(resumed.rec.checkpoints[0]!.optimizer?.step, 3 * 16);

  // Without the optimizer state (a checkpoint from before it was saved) the run still resumes, from a fresh Adam.
  const { optimizer: _dropped, ...older } = ckpt;
  const fresh = recorder();
  disposeVae((await train(config, data, fresh.hooks, { resumeFrom: older })).models);
  assert.notDeepEqual(
    bytes(fresh.rec.checkpoints[0]!),
    bytes(whole.rec.checkpoints[2]!),
    "so the equality above is not vacuous",
  );
  assert.equal(fresh.rec.checkpoints[0]!.optimizer?.step, 16);
});

test("a label-gaussian run resumes exactly: the prior's values and its Adam moments travel in the checkpoint", async () => {
  const config = small("cvae-label", { epochs: 3, batchSize: 32, prior: "label-gaussian" });
  const whole = recorder();
  disposeVae((await train(config, data, whole.hooks)).models);
  const firstTwo = recorder();
  disposeVae((await train({ ...config, epochs: 2 }, data, firstTwo.hooks)).models);
  const ckpt = firstTwo.rec.checkpoints[1]!;
  const prior = ckpt.meta.prior;
  assert.ok(prior?.kind === "label-gaussian", "meta.prior is the learned one");
  assert.deepEqual([prior.mean.length, prior.mean[0]!.length, prior.logVar.length], [10, 4, 10]);
  assert.ok(
    prior.mean.flat().some((v) => Math.abs(v) > 1e-3),
    "the prior moved in training",
  );
  const layerFloats = (ckpt.encoder.weightData.byteLength + ckpt.decoder.weightData.byteLength) / 4;
  assert.equal(
    ckpt.optimizer?.moments.byteLength,
    8 * (layerFloats + 10 * 2 * 4),
    "Adam's moments include the prior's 10 × 2·latent weights",
  );

  // Through JSON, as the database and meta.json store it: float32 values survive exactly.
  const viaJson = { ...ckpt, meta: CheckpointMetaSchema.parse(JSON.parse(JSON.stringify(ckpt.meta))) };
  const resumed = recorder();
  disposeVae((await train(config, data, resumed.hooks, { resumeFrom: viaJson })).models);
  const bytes = (a: CheckpointArtifacts): number[] => [
    ...new Uint8Array(a.encoder.weightData),
    ...new Uint8Array(a.decoder.weightData),
  ];
  assert.deepEqual(
    bytes(resumed.rec.checkpoints[0]!),
    bytes(whole.rec.checkpoints[2]!),
    "epoch 3 resumed == uninterrupted, bit for bit",
  );
  assert.deepEqual(resumed.rec.checkpoints[0]!.meta.prior, whole.rec.checkpoints[2]!.meta.prior, "and so is the prior");

  // The prior kind must match: a standard-prior run cannot continue from a learned prior, nor the other way round.
  await assert.rejects(
    train({ ...config, prior: "standard" }, data, recorder().hooks, { resumeFrom: ckpt }),
    /checkpoint does not fit/,
  );
  const { prior: _p, ...noPrior } = ckpt.meta;
  await assert.rejects(
    train(config, data, recorder().hooks, { resumeFrom: { ...ckpt, meta: noPrior } }),
    /checkpoint does not fit.*label-gaussian/,
  );
});
