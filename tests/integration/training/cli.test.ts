import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readExport } from "../../../server/export/exportModel";
import { tinyTrainArgs } from "../../support/trainArgs";

/** `npm run train` / `npm run evaluate` end to end, as a user runs them (tsx, worker thread, files). */

const root = path.resolve(__dirname, "../../..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vae-cli-"));
const env = { ...process.env, DATA_DIR: path.join(tmp, "data") };
const run = (script: string, args: string[]) =>
  spawnSync(tsx, [path.join(root, "server/cli", script), ...args], {
    cwd: tmp,
    env,
    encoding: "utf8",
    timeout: 120_000,
  });

test("train writes the export, metrics.jsonl, PNG grids and latent scatters; evaluate reads them back", async () => {
  const out = path.join(tmp, "run");
  const r = run("train.ts", tinyTrainArgs(2, out));
  assert.equal(r.status, 0, r.stderr);
  const epochLines = r.stdout.split("\n").filter((l) => l.startsWith("epoch "));
  assert.equal(epochLines.length, 2, r.stdout);
  assert.match(epochLines[1]!, /^epoch 2\/2 .*test -ELBO \d+\.\d\d/);
  const metrics = fs
    .readFileSync(path.join(out, "metrics.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { epoch: number; testNegElbo: number });
  assert.deepEqual(
    metrics.map((m) => m.epoch),
    [1, 2],
  );
  const exported = await readExport(out);
  assert.equal(exported.meta.epoch, 2, "the export holds the latest epoch");
  assert.equal(exported.meta.config.latentDim, 4);
  const grids = fs.readdirSync(path.join(out, "grids"));
  assert.ok(grids.includes("epoch-002-reconstruction.png"), grids.join(","));
  assert.ok(grids.includes("epoch-001-latent.png") && grids.includes("epoch-002-latent.png"), grids.join(","));
  assert.deepEqual([...fs.readFileSync(path.join(out, "grids", grids[0]!)).subarray(1, 4)], [0x50, 0x4e, 0x47]);

  const e = run("evaluate.ts", [out, "--k", "20", "--iwae-n", "500"]);
  assert.equal(e.status, 0, e.stderr);
  assert.match(e.stdout, /test negative ELBO \(nats\/image, 10000 images\)\s+\d+\.\d\d/);
  assert.match(e.stdout, /IWAE −log p\(x\) \(k 20, 500 images\)\s+\d+\.\d\d/);
  const json = JSON.parse(e.stdout.trim().split("\n").at(-1)!) as {
    testNegElbo: { negElbo: number };
    iwae: { negLogLik: number; k: number; n: number } | null;
    labelAccuracy: unknown;
    inpainting: unknown;
  };
  assert.ok(json.testNegElbo.negElbo > 0);
  assert.deepEqual([json.iwae?.k, json.iwae?.n], [20, 500]);
  assert.ok(
    json.iwae!.negLogLik > 0 && json.iwae!.negLogLik < json.testNegElbo.negElbo + 5,
    "about the ELBO or below (the first 500 images)",
  );
  assert.equal(json.labelAccuracy, null, "label accuracy only applies to cvae-label");
  assert.equal(json.inpainting, null, "inpainting only applies to cvae-inpaint");
  assert.ok(fs.existsSync(path.join(out, "evaluation.json")));
});

test("evaluate refuses a bad --k", () => {
  const r = run("evaluate.ts", [path.join(tmp, "run"), "--k=-3"]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^--k must be at least 0 \(got -3\)\nusage: npm run evaluate/);
});

test("a bad flag value exits 2 with a message naming the flag, before any training", () => {
  const r = run("train.ts", ["--preset", "vae-seed", "--latent", "100"]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^--latent must be at most 64 \(got 100\)\n\(npm run train -- --help lists every flag\)/);
});

test("negative and fractional numbers get people's words from every CLI, not Node's or zod's", () => {
  const cases: [string, string[], RegExp][] = [
    ["train.ts", ["--preset", "vae-seed", "--epochs", "-1"], /^--epochs must be at least 1 \(got -1\)/],
    ["train.ts", ["--preset", "vae-seed", "--epochs", "2.5"], /^--epochs must be a whole number \(got 2\.5\)/],
    ["trainJudge.ts", ["--epochs", "-1"], /^--epochs must be at least 1 \(got -1\)\nusage: npm run judge:train/],
    ["trainJudge.ts", ["--epoch", "3"], /^unknown flag --epoch; did you mean --epochs\?/],
    [
      "evaluate.ts",
      [path.join(tmp, "missing"), "--n", "-1"],
      /^--n must be at least 1 \(got -1\)\nusage: npm run evaluate/,
    ],
  ];
  for (const [script, args, message] of cases) {
    const r = run(script, args);
    assert.equal(r.status, 2, `${script} ${args.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, message, `${script} ${args.join(" ")}`);
    assert.doesNotMatch(r.stderr, /ambiguous|expected int|Too small| {4}at /, "no Node or zod wording, no stack trace");
  }
});

test("evaluate on a folder without an export exits 2", () => {
  const r = run("evaluate.ts", [path.join(tmp, "missing")]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /no export in/);
});
