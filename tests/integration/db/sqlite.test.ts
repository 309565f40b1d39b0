import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRepositories } from "../../../server/db/client";
import { repositoryContract } from "../../unit/server/repositories/contract";

// The shared contract against a real SQLite file (migrated from prisma/migrations at open).
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "playground-sqlite-"));
repositoryContract(
  "prisma + SQLite",
  () => createRepositories(`file:${path.join(dir, "contract.db")}`),
  async () => fs.rmSync(dir, { recursive: true, force: true }),
);
