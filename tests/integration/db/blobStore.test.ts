import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { type BlobStore, openBlobStore } from "../../../server/db/blobStore";
import type { Repositories, RunRecord } from "../../../server/repositories/types";
import { createRepositories } from "../../../server/db/client";
import { fakeArtifacts } from "../../unit/server/scheduler/fakes";
import { createTempPgDatabase, PG_SKIP_MESSAGE, TEST_PG_URL } from "./pgTestDatabase";
import { seedSessionRun } from "../../support/runFixtures";

const databases = [
  {
    name: "SQLite",
    create: async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vae-blobstore-"));
      return {
        url: `file:${path.join(dir, "t.db")}`,
        drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: "PostgreSQL",
    skip: TEST_PG_URL ? undefined : PG_SKIP_MESSAGE,
    create: () => createTempPgDatabase(TEST_PG_URL!),
  },
];

/** A fresh database with the repositories, a blob store and one run on it; all closed and dropped afterwards. */
async function withRun(
  db: (typeof databases)[number],
  body: (ctx: { repos: Repositories; store: BlobStore; run: RunRecord }) => Promise<void>,
): Promise<void> {
  const database = await db.create();
  const repos = await createRepositories(database.url);
  const store = await openBlobStore(database.url);
  try {
    const { run } = await seedSessionRun(repos);
    await body({ repos, store, run });
  } finally {
    await store.close();
    await repos.close();
    await database.drop();
  }
}

const withMoments = (epoch: number, fill: number) => ({
  ...fakeArtifacts(epoch),
  optimizer: { step: epoch * 10, moments: new Float32Array(24).fill(fill).buffer },
});

for (const db of databases) {
  describe(`blob store: the driver writes rows the Prisma repositories read (${db.name})`, { skip: db.skip }, () => {
    test("checkpoints: bytes, JSON, dates and the replace / clear-older-moments rules match checkpoints.add", async () => {
      await withRun(db, async ({ repos, store, run }) => {
        const before = Date.now();
        const first = await store.writeCheckpoint(run.id, 1, withMoments(1, 0.5));
        const second = await store.writeCheckpoint(run.id, 2, withMoments(2, 0.25));
        const expected = withMoments(2, 0.125);
        const again = await store.writeCheckpoint(run.id, 2, expected); // a re-export of epoch 2 replaces it
        assert.equal(again.id, second.id, "same (run, epoch), same id");

        const read = (await repos.checkpoints.get(second.id))!;
        assert.deepEqual(read.artifacts.meta, expected.meta);
        assert.deepEqual(read.artifacts.encoder.modelJson, expected.encoder.modelJson);
        assert.deepEqual(
          new Uint8Array(read.artifacts.decoder.weightData),
          new Uint8Array(expected.decoder.weightData),
        );
        assert.deepEqual(
          new Float32Array(read.artifacts.optimizer!.moments),
          new Float32Array(expected.optimizer.moments),
        );
        assert.equal(read.artifacts.optimizer!.step, 20);
        // The date is the moment of writing in UTC, whatever the machine's zone (PostgreSQL: TIMESTAMP(3) without zone).
        assert.ok(
          Math.abs(read.createdAt.getTime() - again.createdAt.getTime()) <= 1,
          `${read.createdAt.toISOString()} vs ${again.createdAt.toISOString()}`,
        );
        assert.ok(read.createdAt.getTime() >= before - 1000 && read.createdAt.getTime() <= Date.now() + 1000);

        const list = await repos.checkpoints.list(run.id);
        assert.deepEqual(
          list.map((c) => [c.id, c.epoch, c.decoderBytes]),
          [
            [first.id, 1, first.decoderBytes],
            [second.id, 2, expected.decoder.weightData.byteLength],
          ],
        );
        assert.equal(
          (await repos.checkpoints.get(first.id))!.artifacts.optimizer,
          undefined,
          "older checkpoints give up Adam's state",
        );
        assert.equal((await repos.checkpoints.latest(run.id))!.id, second.id);
        await assert.rejects(
          store.writeCheckpoint("no-such-run", 1, fakeArtifacts(1)),
          "a missing run is refused (foreign key)",
        );
      });
    });

    test("grids: replaced per (run, epoch, kind), row labels and pixels read back", async () => {
      await withRun(db, async ({ repos, store, run }) => {
        const grid = (fill: number, rowLabels: string[] | null) => ({
          runId: run.id,
          epoch: 1,
          kind: "prior" as const,
          rows: 1,
          cols: 2,
          rowLabels,
          pixels: new Uint8Array(2 * 784).fill(fill),
        });
        await store.writeGrids([grid(1, null), { ...grid(2, ["0"]), kind: "label-rows" as const }]);
        await store.writeGrids([grid(3, ["a"])]);
        const back = await repos.grids.byEpoch(run.id, 1);
        assert.deepEqual(
          back.map((g) => [g.kind, g.rowLabels, g.pixels[0]]),
          [
            ["label-rows", ["0"], 2],
            ["prior", ["a"], 3],
          ],
        );
        assert.deepEqual(await repos.grids.epochs(run.id), [1]);
      });
    });
  });
}

test("opening a blob store on a database that does not answer fails at once", async () => {
  await assert.rejects(openBlobStore("postgresql://nobody:x@127.0.0.1:1/none"));
  await assert.rejects(openBlobStore(`file:${path.join(os.tmpdir(), "no-such-dir-vae", "t.db")}`));
});
