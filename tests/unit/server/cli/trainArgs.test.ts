import { test } from "node:test";
import assert from "node:assert/strict";
import { parseTrainArgs, UsageError } from "../../../../server/cli/trainArgs";
import { resolveConfig } from "../../../../lib/model/config";

test("flags map onto the preset's config", () => {
  const a = parseTrainArgs([
    "--preset",
    "cvae-label",
    "--epochs",
    "3",
    "--latent",
    "2",
    "--beta",
    "0.5",
    "--kl-warmup",
    "2",
    "--lr",
    "0.002",
    "--batch",
    "64",
    "--train-size",
    "1000",
    "--test-size",
    "200",
    "--seed",
    "9",
    "--hidden",
    "128,64",
    "--dataset",
    "fashion-mnist",
    "--float16",
    "--out",
    "runs/x",
  ]);
  assert.notEqual(a, "help");
  if (a === "help") return;
  assert.deepEqual(a.config, {
    ...resolveConfig("cvae-label"),
    epochs: 3,
    latentDim: 2,
    beta: 0.5,
    klWarmupEpochs: 2,
    learningRate: 0.002,
    batchSize: 64,
    trainSize: 1000,
    testSize: 200,
    seed: 9,
    encoderHidden: [128, 64],
    decoderHidden: [128, 64],
    dataset: "fashion-mnist",
  });
  assert.equal(a.float16, true);
  assert.equal(a.out, "runs/x");
});

test("the prior and the KL schedule's start and hold have flags too", () => {
  const a = parseTrainArgs(["--preset", "cvae-label", "--prior", "standard", "--kl-start", "2.5", "--kl-hold", "4"]);
  assert.ok(a !== "help");
  assert.deepEqual(
    [a.config.prior, a.config.klStart, a.config.klHoldEpochs, a.config.klWarmupEpochs],
    ["standard", 2.5, 4, 9],
  );
  assert.throws(
    () => parseTrainArgs(["--preset", "vae-seed", "--prior", "label-gaussian"]),
    (e: unknown) =>
      e instanceof UsageError && /^--prior: prior "label-gaussian" needs a label-conditioned preset/.test(e.message),
  );
  assert.throws(
    () => parseTrainArgs(["--preset", "cvae-label", "--prior", "gmm"]),
    (e: unknown) =>
      e instanceof UsageError && /^--prior must be one of standard, label-gaussian \(got "gmm"\)/.test(e.message),
  );
  assert.throws(
    () => parseTrainArgs(["--preset", "cvae-label", "--kl-start", "11"]),
    (e: unknown) => e instanceof UsageError && /^--kl-start must be at most 10 \(got 11\)/.test(e.message),
  );
});

test("defaults are the preset's", () => {
  const a = parseTrainArgs(["--preset", "vae-seed"]);
  assert.ok(a !== "help");
  assert.deepEqual(a.config, resolveConfig("vae-seed"));
  assert.equal(a.float16, false);
  assert.equal(a.out, undefined);
});

test("bad values give a UsageError naming the flag in people's words", () => {
  const cases: [string[], string][] = [
    [["--preset", "vae-seed", "--epochs", "-1"], "--epochs must be at least 1 (got -1)"],
    [["--preset", "vae-seed", "--epochs=-1"], "--epochs must be at least 1 (got -1)"],
    [["--preset", "vae-seed", "--epochs", "2.5"], "--epochs must be a whole number (got 2.5)"],
    [["--preset", "vae-seed", "--epochs", "501"], "--epochs must be at most 500 (got 501)"],
    [["--preset", "vae-seed", "--latent", "1"], "--latent must be at least 2 (got 1)"],
    [["--preset", "vae-seed", "--lr", "abc"], '--lr must be a number (got "abc")'],
    [["--preset", "vae-seed", "--lr", "0"], "--lr must be more than 0 (got 0)"],
    [["--preset", "vae-seed", "--beta", "-0.5"], "--beta must be at least 0 (got -0.5)"],
    [["--preset", "vae-seed", "--hidden", "4"], "--hidden: each size must be at least 8 (got 4)"],
    [["--preset", "vae-seed", "--hidden", "64,32.5"], '--hidden: each size must be a whole number (got "64,32.5")'],
    [["--preset", "vae-seed", "--hidden", "64,64,64,64,64"], '--hidden takes at most 4 values (got "64,64,64,64,64")'],
    [["--preset", "vae-seed", "--batch", "2.5"], "--batch must be a whole number (got 2.5)"],
    [["--preset", "vae-seed", "--seed", "-3"], "--seed must be at least 0 (got -3)"],
    [["--preset", "vae-seed", "--kl-warmup", "-1"], "--kl-warmup must be at least 0 (got -1)"],
    [["--preset", "vae-seed", "--train-size", "5"], "--train-size must be at least 10 (got 5)"],
    [["--preset", "vae-seed", "--test-size", "1e6"], "--test-size must be at most 10000 (got 1e6)"],
    [["--preset", "vae-seed", "--dataset", "cifar"], '--dataset must be one of mnist, fashion-mnist (got "cifar")'],
    [["--preset", "gan"], '--preset must be one of vae-seed, cvae-label, cvae-inpaint, vae-pytorch (got "gan")'],
    [["--epochs", "2"], "--preset is required (one of vae-seed, cvae-label, cvae-inpaint, vae-pytorch)"],
    [["--preset", "vae-seed", "--nope"], "unknown flag --nope"],
    [["--preset", "vae-seed", "--float16=1"], "--float16 takes no value (write just --float16)"],
    [["--preset", "vae-seed", "--out"], "--out needs a value"],
  ];
  for (const [argv, message] of cases) {
    assert.throws(
      () => parseTrainArgs(argv),
      (e: unknown) => e instanceof UsageError && e.message === message,
      `${argv.join(" ")} → ${message}`,
    );
  }
});

test("no zod or parseArgs jargon reaches the user for any numeric flag", () => {
  for (const flag of ["epochs", "latent", "beta", "kl-warmup", "lr", "batch", "train-size", "test-size", "seed"]) {
    for (const value of ["-1", "2.5", "1e9", "x"]) {
      try {
        parseTrainArgs(["--preset", "vae-seed", `--${flag}`, value]);
      } catch (e) {
        assert.ok(e instanceof UsageError, `--${flag} ${value}: ${String(e)}`);
        assert.match(e.message, new RegExp(`^--${flag} must be `), `--${flag} ${value}: ${e.message}`);
        assert.doesNotMatch(
          e.message,
          /Too (small|big)|expected int|received|Invalid input|ambiguous/,
          `--${flag} ${value}`,
        );
      }
    }
  }
});

test("--help", () => {
  assert.equal(parseTrainArgs(["--help"]), "help");
});
