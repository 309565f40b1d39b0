import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { test } from "node:test";
import { createLogger, logLevel } from "../../../../server/logging/logger";
import { loggablePath, logRequest } from "../../../../server/logging/requestLog";
import { runLifecycleLog } from "../../../../server/logging/runLifecycle";
import type { RunRecord } from "../../../../server/repositories/types";

/** A production logger writing JSON lines into an array. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split("\n"))
        if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, log: createLogger({ level: "info", production: true, destination }) };
}

test("tests are quiet unless LOG_LEVEL says otherwise; a bad LOG_LEVEL is refused by name", () => {
  assert.equal(logLevel({ NODE_TEST_CONTEXT: "child-v8" }), "silent");
  assert.equal(logLevel({ NODE_TEST_CONTEXT: "child-v8", LOG_LEVEL: "debug" }), "debug");
  assert.equal(logLevel({}), "info");
  assert.throws(() => logLevel({ LOG_LEVEL: "loud" }), /LOG_LEVEL/);
});

test("a logged path keeps no query (owner tokens) and cannot start a line of its own", () => {
  assert.equal(loggablePath("/s/abc?owner=secret"), "/s/abc");
  assert.equal(loggablePath("/api/x\r\nforged: yes"), "/api/xforged:%20yes"); // the URL parser drops CR, LF and tab
  assert.equal(loggablePath("/api/x\u0001\u2028y"), "/api/x%01%E2%80%A8y");
  assert.ok(loggablePath(`/${"a".repeat(5000)}`).length <= 300);
});

test("one line per request with method, path, status and duration", async () => {
  const { lines, log } = capture();
  const { EventEmitter } = await import("node:events");
  const res = Object.assign(new EventEmitter(), { headersSent: true, statusCode: 404 });
  logRequest({ method: "GET", url: "/api/sessions/x?owner=t" } as never, res as never, log);
  res.emit("close");
  await new Promise((r) => setImmediate(r));
  assert.equal(lines.length, 1);
  assert.deepEqual(
    { ...lines[0], time: 0, pid: 0, ms: 0 },
    { level: 30, time: 0, pid: 0, method: "GET", path: "/api/sessions/x", status: 404, ms: 0, msg: "request" },
  );
});

test("run lifecycle: one line per status change, with the session and run ids", async () => {
  const { lines, log } = capture();
  const logRun = runLifecycleLog(log);
  const run = {
    id: "r1",
    sessionId: "s1",
    index: 0,
    preset: "vae-seed",
    status: "training",
    error: null,
  } as unknown as RunRecord;
  logRun(run);
  logRun({ ...run, backend: "wasm" }); // same status: nothing
  logRun({ ...run, status: "failed", error: "out of memory" });
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(
    lines.map((l) => [l.msg, l.sessionId, l.runId, l.error]),
    [
      ["run training", "s1", "r1", undefined],
      ["run failed", "s1", "r1", "out of memory"],
    ],
  );
});
