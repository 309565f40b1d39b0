import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { checkLine, DOCTOR_CHECK_NAMES } from "../../support/doctorChecks";

/** `npm run doctor` as a user runs it, with this machine's real probes (the speed measurement skipped: unit-tested). */

const root = path.resolve(__dirname, "../../..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");

test("npm run doctor -- --no-measure: one screen, every check named with a mark, exit 0, nothing thrown", () => {
  const r = spawnSync(tsx, [path.join(root, "server/cli/doctor.ts"), "--no-measure"], {
    cwd: root,
    encoding: "utf8",
    timeout: 60_000,
  });
  assert.equal(r.status, 0, r.stderr);
  for (const name of DOCTOR_CHECK_NAMES) {
    assert.match(r.stdout, new RegExp(`${checkLine(name, "✓✗·").source} `, "m"), name);
  }
  assert.match(r.stdout, /^(Nothing missing|\d+ missing)/m);
  assert.ok(r.stdout.split("\n").length < 60, "fits a screen");
  assert.doesNotMatch(`${r.stdout}${r.stderr}`, / {4}at |Error:/, "no stack trace");
});

test("npm run doctor with an unknown flag exits 2 and says so", () => {
  const r = spawnSync(tsx, [path.join(root, "server/cli/doctor.ts"), "--fast"], {
    cwd: root,
    encoding: "utf8",
    timeout: 60_000,
  });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^unknown flag --fast\nusage: npm run doctor/);
});
