import assert from "node:assert/strict";
import { test } from "node:test";
import { COMPARISON_COLUMNS, type ComparisonRow } from "../../../../lib/contracts/comparison";
import { comparisonCsv } from "../../../../lib/eval/comparisonCsv";
import { comparisonRow } from "../contracts/comparisonRow";

const vae: ComparisonRow = comparisonRow({
  run: "vae-seed",
  epoch: 10,
  testNegElbo: 104.91234567,
  testRecon: 79.5,
  testKl: 25.41234567,
  iwaeNegLogLik: 99.87654321,
  iwaeStdErr: 0.31,
  iwaeK: 1000,
  iwaeN: 10000,
});

test("a header row of every column, then one line per run: numbers to 4 decimals, null as an empty field, CRLF", () => {
  const label: ComparisonRow = {
    ...vae,
    run: "cvae-label",
    preset: "cvae-label",
    condition: "label",
    prior: "label-gaussian",
    labelAccuracy: 0.9612,
    judgeTestAccuracy: 0.9804,
  };
  const csv = comparisonCsv([vae, label]);
  const lines = csv.split("\r\n");
  assert.equal(lines.length, 4, "header, two rows, and the final line end");
  assert.equal(lines[3], "");
  assert.equal(lines[0], COMPARISON_COLUMNS.join(","));
  assert.equal(lines[0].split(",").length, 22);
  assert.equal(
    lines[1],
    "vae-seed,vae-seed,mnist,none,standard,20,10,104.9123,79.5,25.4123,99.8765,0.31,1000,10000,,,,,,,,",
  );
  const fields = lines[2]!.split(",");
  assert.deepEqual(
    [fields[0], fields[4], fields[14], fields[15]],
    ["cvae-label", "label-gaussian", "0.9612", "0.9804"],
  );
});

test("text with commas, quotes or line breaks is quoted (RFC 4180); a row that breaks the schema is refused", () => {
  const csv = comparisonCsv([{ ...vae, run: 'seed 0, "long" run' }]);
  assert.ok(csv.split("\r\n")[1]!.startsWith('"seed 0, ""long"" run",vae-seed,'));
  assert.throws(() => comparisonCsv([{ ...vae, testNegElbo: Number.NaN }]));
  assert.throws(() => comparisonCsv([{ ...vae, labelAccuracy: 1.5 }]));
  assert.equal(comparisonCsv([]), `${COMPARISON_COLUMNS.join(",")}\r\n`);
});
