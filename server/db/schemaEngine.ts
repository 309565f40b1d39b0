import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";

/**
 * Loads Prisma's schema engine as WebAssembly (`@prisma/schema-engine-wasm`, pinned to the exact
 * `@prisma/engines-version` of the installed prisma) and connects it to a driver adapter.
 *
 * Why: Prisma 7's CLI only runs the native schema-engine binary, which cannot be downloaded on
 * offline machines. The wasm build is the same engine (same SQL, same `_prisma_migrations`
 * bookkeeping) and talks to the database through the adapter we already use at runtime.
 *
 * The package is ESM with an `import ... from "./x.wasm"` that Node 20 cannot load, so we
 * instantiate the module ourselves, the way @prisma/internals' wasm loader does.
 */

const requireHere = createRequire(__filename);
let runtimePromise: Promise<typeof import("@prisma/schema-engine-wasm/schema_engine_bg")> | null = null;

async function loadRuntime() {
  const runtime = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  // package.json is not exported; the glue file sits next to the .wasm.
  const pkgDir = path.dirname(requireHere.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
  const bytes = await fs.readFile(path.join(pkgDir, "schema_engine_bg.wasm"));
  const module = new WebAssembly.Module(bytes);
  const instance = new WebAssembly.Instance(module, { "./schema_engine_bg.js": runtime as unknown as WebAssembly.ModuleImports });
  const exports = instance.exports as WebAssembly.Exports & { __wbindgen_start?: () => void };
  runtime.__wbg_set_wasm(exports);
  exports.__wbindgen_start?.();
  return runtime;
}

/**
 * The engine rejects with plain objects or errors carrying `code` (P1xxx/P3xxx) and `message`;
 * turn them into Errors whose message names the code, so startup failures are readable.
 */
function toReadableError(e: unknown): Error {
  if (e instanceof Error && !("code" in e)) return e;
  const o = (e ?? {}) as { code?: unknown; message?: unknown; meta?: unknown };
  const code = typeof o.code === "string" ? o.code : "schema-engine";
  const message = typeof o.message === "string" ? o.message : JSON.stringify(e);
  return Object.assign(new Error(`${code}: ${message}`), { code, cause: e });
}

/** Engine log lines go to stderr only when PRISMA_SCHEMA_ENGINE_DEBUG is set. */
function engineLog(line: string): void {
  if (process.env.PRISMA_SCHEMA_ENGINE_DEBUG) process.stderr.write(`[schema-engine] ${line}\n`);
}

export interface LoadedSchemaEngine {
  engine: SchemaEngine;
  /** Maps errors the adapter captured to their original JS errors (the engine only sees ids). */
  rethrow(e: unknown): never;
  free(): void;
}

/**
 * @param adapter driver adapter factory (better-sqlite3 or pg) used for the main and shadow databases
 * @param schemaFiles the Prisma schema(s) the engine should consider the "current" datamodel, if any
 */
export async function loadSchemaEngine(
  adapter: SqlMigrationAwareDriverAdapterFactory,
  schemaFiles?: { path: string; content: string }[],
): Promise<LoadedSchemaEngine> {
  runtimePromise ??= loadRuntime();
  const runtime = await runtimePromise;
  const bound = bindMigrationAwareSqlAdapterFactory(adapter);
  const rethrow = (e: unknown): never => {
    throw toReadableError(e);
  };
  try {
    const engine = await runtime.SchemaEngine.new(
      { datamodels: schemaFiles && schemaFiles.length > 0 ? schemaFiles.map((f) => [f.path, f.content]) : undefined },
      engineLog,
      bound,
    );
    return { engine, rethrow, free: () => engine.free() };
  } catch (e) {
    return rethrow(e);
  }
}
