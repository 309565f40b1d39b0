import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { checkFashionMnist, checkJudge } from "../../../../server/doctor/dataChecks";
import { fakeProbes } from "./fakeProbes";

test("Fashion-MNIST: installed, absent, or with files missing", () => {
  assert.equal(checkFashionMnist(fakeProbes()).status, "ok");
  const absent = checkFashionMnist(fakeProbes({ fileExists: () => false }));
  assert.deepEqual([absent.status, absent.fix], ["missing", "apt-get install dataset-fashion-mnist"]);
  assert.match(absent.found, /^not installed/);
  const partial = checkFashionMnist(fakeProbes({ fileExists: (f) => !f.endsWith("t10k-labels-idx1-ubyte.gz") }));
  assert.match(partial.found, /incomplete \(no t10k-labels-idx1-ubyte\.gz\)/);
});

test("judge: cached in DATA_DIR/judge with its accuracy, or what the first evaluate costs", () => {
  const seen: string[] = [];
  const cached = checkJudge(fakeProbes({ env: { DATA_DIR: "/srv/vae" }, fileExists: (f) => (seen.push(f), true) }));
  assert.deepEqual(
    seen,
    ["model.json", "weights.bin", "judge.json"].map((f) => path.join("/srv/vae/judge", f)),
  );
  assert.match(cached.found, /cached in .*judge \(test accuracy 98\.1 %\)/);
  const missing = checkJudge(fakeProbes({ fileExists: (f) => !f.endsWith("weights.bin") }));
  assert.deepEqual([missing.status, missing.fix], ["missing", "npm run judge:train"]);
  assert.match(missing.cost!, /first npm run evaluate .* trains it first/);
  assert.equal(
    checkJudge(fakeProbes({ readText: () => "{ not json" })).status,
    "ok",
    "a damaged judge.json only loses the accuracy",
  );
});
