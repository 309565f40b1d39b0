import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import path from "node:path";
import test from "node:test";

const root = path.resolve(import.meta.dirname, "../../../..");

test(
  "lowerCpuPriority lowers every thread of the process, and threads started later inherit it",
  { skip: process.platform !== "linux" },
  () => {
    const out = execFileSync(
      process.execPath,
      ["--import", "tsx", path.join(import.meta.dirname, "priorityProbe.ts")],
      { cwd: root, encoding: "utf8" },
    );
    const { line, nices, workerNice } = JSON.parse(out.trim().split("\n").pop()!) as {
      line: string;
      nices: number[];
      workerNice: number;
    };
    assert.match(line, /^cpu priority: nice 7 on all \d+ threads$/);
    assert.ok(nices.length > 1, "a Node process has several threads");
    assert.deepEqual([...new Set(nices)], [7], "every existing thread");
    assert.equal(workerNice, 7, "a worker started afterwards");
  },
);
