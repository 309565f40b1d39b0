import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { largestAllowedOverrides } from "../../../lib/budget/largestModel";
import { DEFAULT_RUN_LIMITS } from "../../../lib/budget/limits";
import { estimateRunMemoryBytes } from "../../../lib/budget/runCost";
import { resolveConfig } from "../../../lib/model/config";
import { cpuModel, settledRssMb, trainOnce } from "../../../server/cluster/memoryProbe";
import { freePort, startAppServer } from "../../../server/cluster/processes";
import { allocatorControl } from "../../../server/runtime/allocator";
import { dataDir } from "./helpers";

/**
 * Issue 10: one visitor's runs of the largest model the budgets allow left the server gigabytes larger after each.
 * Now the server's resident memory after several such runs must be back within 100 MB of its level before them
 * (the full benchmark, with longer runs: npm run bench:memory). And the budget's memory estimate must not be
 * below what such a run really takes.
 */
const skip = !fs.existsSync("/proc/self/status")
  ? "needs Linux's /proc to read the server's memory"
  : !allocatorControl().available
    ? "the memory addon is not built (npm run build:native): freed memory may stay with the allocator"
    : undefined;

test(
  "RSS after three runs of the largest allowed model is within 100 MB of before; the estimate covers the peak",
  { skip, timeout: 300_000 },
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vae-memory-test-"));
    const port = await freePort();
    const server = await startAppServer("server", port, {
      NO_NEXT: "1",
      HOST: "127.0.0.1",
      DATA_DIR: dataDir, // the MNIST check's stamp, shared with the other server tests
      DATABASE_URL: `file:${path.join(dir, "t.db")}`,
      SESSION_CREATE_LIMIT: "0",
    });
    const base = `http://127.0.0.1:${port}`;
    try {
      const big = largestAllowedOverrides(DEFAULT_RUN_LIMITS, { epochs: 3, trainSize: 1024, testSize: 500 });
      const estimateMb = estimateRunMemoryBytes(resolveConfig("vae-seed", big)) / 2 ** 20;
      await trainOnce(base, server, { epochs: 2, trainSize: 5000, testSize: 1000 }); // warm-up: the server's own first-use growth
      const before = await settledRssMb(server);
      const lines: string[] = [];
      let after = before;
      let afterSecond = before;
      for (let i = 1; i <= 3; i++) {
        const run = await trainOnce(base, server, big);
        after = await settledRssMb(server);
        if (i === 2) afterSecond = after;
        lines.push(`run ${i}: peak ${run.peakMb.toFixed(0)} MB, after ${after.toFixed(0)} MB`);
        assert.ok(
          run.peakMb - before <= estimateMb,
          `the run took ${(run.peakMb - before).toFixed(0)} MB over the idle server; the estimate says ${estimateMb.toFixed(0)} MB`,
        );
      }
      console.log(
        `  ${cpuModel()}: hidden ${big.encoderHidden!.join("x")}, batch ${big.batchSize}; before ${before.toFixed(0)} MB; ${lines.join("; ")}`,
      );
      assert.ok(
        Math.abs(after - before) <= 100,
        `RSS ${before.toFixed(0)} MB before, ${after.toFixed(0)} MB after three runs`,
      );
      // From the second run on: the allocator may hand back more after the first run than it keeps later (seen: 288 MB
      // after the first, 381 after the second and the third), a level, not a leak; a leak grows every run.
      assert.ok(
        after - afterSecond <= 40,
        `no growth from run to run: ${afterSecond.toFixed(0)} MB after the second, ${after.toFixed(0)} MB after the third`,
      );
    } finally {
      await server.kill("SIGTERM");
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
);
