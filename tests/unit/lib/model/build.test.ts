import * as tf from "@tensorflow/tfjs";
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { buildVae, disposeVae } from "../../../../lib/model/build";
import { buildCondition } from "../../../../lib/model/conditions";
import { conditionWidth, PRESET_IDS, resolveConfig } from "../../../../lib/model/config";
import { decode, encode, negElbo } from "../../../../lib/model/vae";
import { useWasm } from "../tfWasm";

before(useWasm);

const countParams = (m: tf.LayersModel): number => m.countParams();

for (const preset of PRESET_IDS) {
  test(`${preset}: shapes of encoder, decoder, encode/decode and negElbo`, () => {
    const config = resolveConfig(preset, { latentDim: 6 });
    const m = buildVae(config);
    const cw = conditionWidth(config.condition);
    try {
      assert.deepEqual(m.encoder.inputs[0]?.shape, [null, 784 + cw]);
      assert.deepEqual(m.encoder.outputs[0]?.shape, [null, 12]);
      assert.deepEqual(m.decoder.inputs[0]?.shape, [null, 6 + cw]);
      assert.deepEqual(m.decoder.outputs[0]?.shape, [null, 784]);
      assert.deepEqual(
        m.encoder.layers.map((l) => l.name),
        [...config.encoderHidden.map((_, i) => `enc_dense_${i}`), "enc_mu_logvar"],
      );
      const before = tf.memory().numTensors;
      tf.tidy(() => {
        const x = tf.randomUniform<tf.Rank.R2>([3, 784]);
        const cond = buildCondition(config.condition, x, tf.tensor1d([1, 2, 3], "int32"), tf.ones([1, 784]));
        const { mu, logvar } = encode(m, x, cond);
        assert.deepEqual(
          [mu.shape, logvar.shape],
          [
            [3, 6],
            [3, 6],
          ],
        );
        const probs = decode(m, mu, cond);
        assert.deepEqual(probs.shape, [3, 784]);
        const p = probs.dataSync();
        assert.ok(
          p.every((v) => v > 0 && v < 1),
          "decoder outputs probabilities",
        );
        const r = negElbo(m, x, cond, tf.randomNormal<tf.Rank.R2>([3, 6]), 1);
        for (const s of [r.loss, r.recon, r.kl]) assert.equal(s.rank, 0);
        assert.ok(Number.isFinite(r.loss.dataSync()[0]));
      });
      assert.equal(tf.memory().numTensors, before, "no tensor leak in encode/decode/negElbo");
    } finally {
      disposeVae(m);
    }
  });
}

test("parameter counts match the seed's models (549,688 and 845,624)", () => {
  const seed = buildVae(resolveConfig("vae-seed"));
  const label = buildVae(resolveConfig("cvae-label"));
  assert.equal(countParams(seed.encoder) + countParams(seed.decoder), 549_688);
  assert.equal(countParams(label.encoder) + countParams(label.decoder), 845_624);
  disposeVae(seed);
  disposeVae(label);
});

test("same seed -> same initial weights; another seed -> different ones", () => {
  const a = buildVae(resolveConfig("vae-pytorch", { seed: 7 }));
  const b = buildVae(resolveConfig("vae-pytorch", { seed: 7 }));
  const c = buildVae(resolveConfig("vae-pytorch", { seed: 8 }));
  const first = (m: typeof a) => m.encoder.getWeights()[0]!.dataSync().slice(0, 50);
  assert.deepEqual(first(a), first(b));
  assert.notDeepEqual(first(a), first(c));
  [a, b, c].forEach(disposeVae);
});

test("buildVae rejects a bad config with a message naming the field", () => {
  const good = resolveConfig("vae-seed");
  assert.throws(() => buildVae({ ...good, latentDim: 1 }), /latentDim: latent size must be at least 2/);
  assert.throws(() => buildVae({ ...good, encoderHidden: [] }), /encoderHidden/);
  assert.throws(() => buildVae({ ...good, condition: "colour" as never }), /condition/);
  assert.throws(() => buildVae({ ...good, extra: 1 } as never), /invalid config/);
});

test("encode/decode/negElbo reject wrong shapes and missing or unexpected conditions", () => {
  const plain = buildVae(resolveConfig("vae-seed", { latentDim: 4 }));
  const label = buildVae(resolveConfig("cvae-label", { latentDim: 4 }));
  tf.tidy(() => {
    const x = tf.zeros<tf.Rank.R2>([2, 784]);
    assert.throws(() => encode(plain, tf.zeros<tf.Rank.R2>([2, 783]), null), /x must be \[batch, 784\]/);
    assert.throws(() => decode(plain, tf.zeros<tf.Rank.R2>([2, 5]), null), /z must be/);
    assert.throws(() => encode(plain, x, tf.zeros<tf.Rank.R2>([2, 10])), /must be null/);
    assert.throws(() => encode(label, x, null), /needs a "label" condition/);
    assert.throws(() => encode(label, x, tf.zeros<tf.Rank.R2>([3, 10])), /\[2, 10\]/);
    assert.throws(() => negElbo(plain, x, null, tf.zeros<tf.Rank.R2>([2, 3]), 1), /eps must be \[2, 4\]/);
    assert.throws(() => negElbo(plain, x, null, tf.zeros<tf.Rank.R2>([2, 4]), -1), /klWeight/);
  });
  disposeVae(plain);
  disposeVae(label);
});
