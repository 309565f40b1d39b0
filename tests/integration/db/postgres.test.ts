import { test } from "node:test";
import { createRepositories } from "../../../server/db/client";
import { repositoryContract } from "../../unit/server/repositories/contract";
import { createTempPgDatabase, PG_SKIP_MESSAGE, TEST_PG_URL } from "./pgTestDatabase";

// The shared contract against PostgreSQL, in a fresh database migrated from prisma/postgres/migrations.
if (!TEST_PG_URL) {
  test("Repositories contract: prisma + PostgreSQL", { skip: PG_SKIP_MESSAGE }, () => {});
} else {
  const baseUrl = TEST_PG_URL;
  let drop: (() => Promise<void>) | undefined;
  repositoryContract(
    "prisma + PostgreSQL",
    async () => {
      const db = await createTempPgDatabase(baseUrl);
      drop = db.drop;
      return createRepositories(db.url);
    },
    async () => drop?.(),
  );
}
