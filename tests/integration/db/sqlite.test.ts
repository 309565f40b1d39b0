import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { createRepositories } from "../../../server/db/client";
import { repositoryContract } from "../../unit/server/repositories/contract";

// The shared contract against a real SQLite file (migrated from prisma/migrations at open).
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "playground-sqlite-"));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
repositoryContract("prisma + SQLite", () => createRepositories(`file:${path.join(dir, "contract.db")}`));

test("createRepositories refuses in-memory SQLite (the migrator and the client would see different databases)", async () => {
  await assert.rejects(createRepositories("file::memory:"), /createMemoryRepositories/);
});

test("createRepositories creates the SQLite file's folder and reopens an existing database without migrating again", async () => {
  const file = path.join(dir, "nested", "deeper", "app.db");
  const first = await createRepositories(`file:${file}`);
  const s = await first.sessions.create({ title: "kept", dataset: "mnist", ownerTokenHash: "h" });
  await first.close();
  const lines: string[] = [];
  const second = await createRepositories(`file:${file}`, { log: (l) => lines.push(l) });
  try {
    assert.equal((await second.sessions.get(s.id))?.title, "kept");
    assert.deepEqual(lines, [], "nothing left to apply");
  } finally {
    await second.close();
  }
});
