import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { createRepositories } from "../../../server/db/client";
import { inProcessBlobWriter, threadBlobWriter } from "../../../server/sessions/blobWriter";
import { fakeArtifacts } from "../../unit/server/scheduler/fakes";
import { seedSessionRun } from "../../support/runFixtures";

async function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vae-ckpt-writer-"));
  const url = `file:${path.join(dir, "t.db")}`;
  const repos = await createRepositories(url);
  const { run } = await seedSessionRun(repos);
  return { dir, url, repos, runId: run.id };
}

test("the thread writer stores checkpoints the main thread reads back byte for byte (SQLite, WAL)", async () => {
  const { dir, url, repos, runId } = await setup();
  const logs: string[] = [];
  const writer = threadBlobWriter(url, inProcessBlobWriter(repos), (m) => logs.push(m));
  try {
    const a1 = fakeArtifacts(1);
    const s1 = await writer.write(runId, 1, a1);
    const s2 = await writer.write(runId, 2, fakeArtifacts(2));
    assert.equal(s1.epoch, 1);
    assert.ok(s1.createdAt instanceof Date);
    assert.equal(s1.decoderBytes, a1.decoder.weightData.byteLength);
    const back = await repos.checkpoints.get(s1.id);
    assert.ok(back);
    assert.deepEqual(new Uint8Array(back.artifacts.decoder.weightData), new Uint8Array(a1.decoder.weightData));
    assert.deepEqual(
      (await repos.checkpoints.list(runId)).map((c) => c.id),
      [s1.id, s2.id],
    );
    assert.deepEqual(logs, [], "no fallback was needed");
  } finally {
    await writer.close();
    await repos.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("when the thread cannot open the database, writes fall back to the main thread and still land", async () => {
  const { dir, repos, runId } = await setup();
  const logs: string[] = [];
  const writer = threadBlobWriter("postgresql://nobody:x@127.0.0.1:1/none", inProcessBlobWriter(repos), (m) =>
    logs.push(m),
  );
  try {
    const s = await writer.write(runId, 1, fakeArtifacts(1));
    assert.equal((await repos.checkpoints.get(s.id))?.epoch, 1);
    assert.ok(logs.length >= 1, "the fallback is logged");
  } finally {
    await writer.close();
    await repos.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("grids written through the thread are read back by the main thread", async () => {
  const { dir, url, repos, runId } = await setup();
  const writer = threadBlobWriter(url, inProcessBlobWriter(repos), () => assert.fail("no fallback expected"));
  try {
    const pixels = new Uint8Array(2 * 784).map((_, i) => i % 256);
    await writer.writeGrids([{ runId, epoch: 3, kind: "prior", rows: 1, cols: 2, rowLabels: null, pixels }]);
    const back = await repos.grids.byEpoch(runId, 3);
    assert.equal(back.length, 1);
    assert.deepEqual(Array.from(back[0]!.pixels), Array.from(pixels));
  } finally {
    await writer.close();
    await repos.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
