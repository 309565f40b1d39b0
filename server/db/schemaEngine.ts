import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { errorMessage } from "../../lib/errors";

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
  const imports: Record<string, unknown> = { ...runtime };
  // The engine arms a JS timer for its lock/connect timeouts and never clears it; a 10 s timer
  // would keep a finished CLI or test process alive. Unref'd timers still fire if a call is pending.
  for (const name of Object.keys(imports).filter((k) => k.startsWith("__wbg_setTimeout_"))) {
    imports[name] = (callback: () => void, ms: number) => {
      const timer = setTimeout(callback, ms >>> 0);
      timer.unref();
      return timer;
    };
  }
  const instance = new WebAssembly.Instance(module, { "./schema_engine_bg.js": imports as WebAssembly.ModuleImports });
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
  /** Rethrows an engine rejection as an Error whose message starts with the Prisma error code. */
  rethrow: (e: unknown) => never;
  /** Frees the engine and closes the database connections it opened. */
  free: () => Promise<void>;
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
  // Freeing the engine does not dispose the adapter connections it made, and an open pg pool keeps
  // the process alive (and, on PostgreSQL, may keep migrate's advisory lock): track and close them.
  const opened: SqlDriverAdapter[] = [];
  const tracking: SqlMigrationAwareDriverAdapterFactory = {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    connect: async () => {
      const conn = await adapter.connect();
      opened.push(conn);
      return conn;
    },
    connectToShadowDb: () => adapter.connectToShadowDb(), // the engine disposes shadow databases itself
  };
  const bound = bindMigrationAwareSqlAdapterFactory(tracking);
  // Driver errors reach the engine as "External error id#N"; the original JS error is in the registry.
  const rethrow = (e: unknown): never => {
    const id = /External error id#(\d+)/.exec(errorMessage(e))?.[1];
    const original = id === undefined ? undefined : bound.errorRegistry.consumeError(Number(id))?.error;
    throw toReadableError(original ?? e);
  };
  const closeAll = async () => {
    await Promise.allSettled(opened.splice(0).map((c) => c.dispose()));
  };
  try {
    const engine = await runtime.SchemaEngine.new(
      { datamodels: schemaFiles && schemaFiles.length > 0 ? schemaFiles.map((f) => [f.path, f.content]) : undefined },
      engineLog,
      bound,
    );
    return {
      engine,
      rethrow,
      free: async () => {
        engine.free();
        await closeAll();
      },
    };
  } catch (e) {
    await closeAll();
    return rethrow(e);
  }
}
