import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { EnvSchema, TrainingEnvSchema } from "../../../server/config/env";

/** What the README says about configuration and files, held against the code. */

const root = path.resolve(__dirname, "../../..");
const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");

/** The server's schema and the training switches (parsed on their own where training runs): one table. */
const SCHEMA = { ...EnvSchema.shape, ...TrainingEnvSchema.shape };
/** Read by server code but not configuration of the app; the README's line "For the tests" covers the first. */
const NOT_CONFIGURATION: Record<string, string> = {
  TEST_DATABASE_URL_PG: "the doctor checks the tests' database",
  OPENBLAS_CORETYPE: "the doctor prints it as a fact about the machine",
  VAE_WORKER_DEBUG: "stack traces from the training worker, for debugging",
  NODE_TEST_CONTEXT: "set by node:test itself",
  PRISMA_SCHEMA_ENGINE_DEBUG: "Prisma's own debugging switch",
};

/** The Configuration section's table: variable → default cell (backticks removed). */
function configurationTable(): Map<string, string> {
  const section = readme.slice(readme.indexOf("## Configuration"));
  const rows = section
    .slice(section.indexOf("| variable | default | meaning |"))
    .split("\n\n")[0]!
    .split("\n")
    .slice(2);
  return new Map(
    rows.map((row) => {
      const [, name, def] = row.split("|").map((c) => c.trim());
      return [name!.replace(/`/g, ""), def!.replace(/`/g, "")];
    }),
  );
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : e.name.endsWith(".ts") ? [p] : [];
  });
}

test("the configuration table lists exactly the env schemas' variables", () => {
  const table = configurationTable();
  assert.deepEqual([...table.keys()].sort(), Object.keys(SCHEMA).sort());
});

test("the table's defaults are the schema's", () => {
  const table = configurationTable();
  for (const [name, field] of Object.entries(SCHEMA)) {
    const parsed = field.safeParse(undefined);
    if (!parsed.success || parsed.data === undefined) continue; // no default: the README explains what happens instead
    const expected = typeof parsed.data === "boolean" ? (parsed.data ? "1" : "0") : String(parsed.data);
    assert.equal(table.get(name), expected, name);
  }
});

test("every environment variable the server reads is configuration in the table, or named here as not", () => {
  const table = configurationTable();
  const read = new Set<string>();
  for (const file of sourceFiles(path.join(root, "server"))) {
    for (const m of fs.readFileSync(file, "utf8").matchAll(/\b(?:process\.env|env)\.([A-Z][A-Z0-9_]*)/g))
      read.add(m[1]!);
  }
  const unexplained = [...read].filter((v) => !table.has(v) && !(v in NOT_CONFIGURATION));
  assert.deepEqual(unexplained, []);
  assert.match(readme, /For the tests: `TEST_DATABASE_URL_PG`/);
});

test("files and folders the README names exist, and it names nothing outside the repository", () => {
  const named = new Set<string>();
  for (const m of readme.matchAll(
    /`((?:docs|scripts|server|lib|app|tests|prisma|native|public)\/[\w./-]*)`|\]\(((?:docs|prisma)\/[\w./-]+)\)/g,
  )) {
    named.add((m[1] ?? m[2])!.replace(/\/$/, ""));
  }
  assert.ok(named.size > 10, `found only ${[...named].join(", ")}`);
  const missing = [...named].filter((p) => !fs.existsSync(path.join(root, p)));
  assert.deepEqual(missing, []);
  assert.doesNotMatch(readme, /`\.\.\/|\]\(\.\.\//, "no paths outside the repository (a clone has only this folder)");
});
