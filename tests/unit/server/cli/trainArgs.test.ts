import { test } from "node:test";
import assert from "node:assert/strict";
import { parseTrainArgs, UsageError } from "../../../../server/cli/trainArgs";
import { resolveConfig } from "../../../../lib/model/config";

test("flags map onto the preset's config", () => {
  const a = parseTrainArgs(["--preset", "cvae-label", "--epochs", "3", "--latent", "2", "--beta", "0.5", "--kl-warmup", "2", "--lr", "0.002",
    "--batch", "64", "--train-size", "1000", "--test-size", "200", "--seed", "9", "--hidden", "128,64", "--dataset", "fashion-mnist", "--float16", "--out", "runs/x"]);
  assert.notEqual(a, "help");
  if (a === "help") return;
  assert.deepEqual(a.config, {
    ...resolveConfig("cvae-label"),
    epochs: 3, latentDim: 2, beta: 0.5, klWarmupEpochs: 2, learningRate: 0.002, batchSize: 64, trainSize: 1000, testSize: 200,
    seed: 9, encoderHidden: [128, 64], decoderHidden: [128, 64], dataset: "fashion-mnist",
  });
  assert.equal(a.float16, true);
  assert.equal(a.out, "runs/x");
});

test("the prior and the KL schedule's start and hold have flags too", () => {
  const a = parseTrainArgs(["--preset", "cvae-label", "--prior", "standard", "--kl-start", "2.5", "--kl-hold", "4"]);
  assert.ok(a !== "help");
  assert.deepEqual([a.config.prior, a.config.klStart, a.config.klHoldEpochs, a.config.klWarmupEpochs], ["standard", 2.5, 4, 9]);
  assert.throws(() => parseTrainArgs(["--preset", "vae-seed", "--prior", "label-gaussian"]), (e: unknown) => e instanceof UsageError && /^--prior: prior "label-gaussian" needs a label-conditioned preset/.test(e.message));
  assert.throws(() => parseTrainArgs(["--preset", "cvae-label", "--prior", "gmm"]), (e: unknown) => e instanceof UsageError && /^--prior:/.test(e.message));
  assert.throws(() => parseTrainArgs(["--preset", "cvae-label", "--kl-start", "11"]), (e: unknown) => e instanceof UsageError && /^--kl-start: the starting KL weight must be ≤ 10/.test(e.message));
});

test("defaults are the preset's", () => {
  const a = parseTrainArgs(["--preset", "vae-seed"]);
  assert.ok(a !== "help");
  assert.deepEqual(a.config, resolveConfig("vae-seed"));
  assert.equal(a.float16, false);
  assert.equal(a.out, undefined);
});

test("bad values give a UsageError naming the flag", () => {
  const cases: [string[], RegExp][] = [
    [["--preset", "vae-seed", "--latent", "1"], /^--latent: latent size must be at least 2/],
    [["--preset", "vae-seed", "--lr", "abc"], /^--lr: "abc" is not a number/],
    [["--preset", "vae-seed", "--hidden", "4"], /^--hidden: a hidden layer needs at least 8 units/],
    [["--preset", "vae-seed", "--batch", "2.5"], /^--batch:/],
    [["--preset", "vae-seed", "--dataset", "cifar"], /^--dataset:/],
    [["--preset", "vae-seed", "--kl-warmup=-1"], /^--kl-warmup: Too small/],
    [["--preset", "vae-seed", "--kl-warmup", "-1"], /--kl-warmup/],
    [["--preset", "gan"], /^--preset: "gan" is not one of/],
    [["--epochs", "2"], /^--preset is required/],
    [["--preset", "vae-seed", "--nope"], /Unknown option '--nope'/],
  ];
  for (const [argv, re] of cases) assert.throws(() => parseTrainArgs(argv), (e: unknown) => e instanceof UsageError && re.test(e.message), argv.join(" "));
});

test("--help", () => {
  assert.equal(parseTrainArgs(["--help"]), "help");
});
