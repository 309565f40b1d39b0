import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Redis from "ioredis";
import pg from "pg";
import { ADDON_FILE, loadNativeKernels, nativeKernelsError } from "../training/native/addon";
import { measureTraining } from "./measureTraining";
import type { DoctorProbes, Env } from "./types";
import { projectRoot } from "../runtime/projectRoot";

/** The real probes behind `npm run doctor`: files, commands, connections, one bounded training measurement. */

const ROOT = projectRoot();
const CONNECT_TIMEOUT_MS = 3000;

/** An error's message; connection errors to several addresses (AggregateError) have an empty one but a code. */
function describeError(e: unknown): string {
  if (e instanceof Error) return e.message || (e as NodeJS.ErrnoException).code || e.name;
  return String(e);
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

async function tfjsNode(): Promise<"absent" | "loads" | { error: string }> {
  const name = "@tensorflow/tfjs-node"; // in a variable: the optional package may be absent at type-check time
  try {
    require.resolve(`${name}/package.json`);
  } catch {
    return "absent";
  }
  try {
    await import(name);
    return "loads";
  } catch (e) {
    return { error: describeError(e) };
  }
}

function nativeKernels(): ReturnType<DoctorProbes["nativeKernels"]> {
  const built = fs.existsSync(path.join(ROOT, ADDON_FILE));
  const addon = built ? loadNativeKernels() : null;
  return { built, problem: addon ? null : nativeKernelsError(), describe: addon?.describe() ?? null };
}

function compilerFinds(header: string): "found" | "missing" | "no-compiler" {
  const r = spawnSync("cc", ["-E", "-x", "c", "-"], {
    input: `#include <${header}>\n`,
    stdio: ["pipe", "ignore", "ignore"],
  });
  if (r.error) return "no-compiler";
  return r.status === 0 ? "found" : "missing";
}

function commandPath(command: string): string | null {
  const r = spawnSync("sh", ["-c", 'command -v "$0"', command], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() || null : null;
}

function playwrightChromium(): string | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a dev dependency, absent from production installs: loaded only when probed
    const { chromium } = require("@playwright/test") as typeof import("@playwright/test");
    const file = chromium.executablePath();
    return fs.existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

async function postgres(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  client.on("error", () => {}); // a dropped connection after the check is not this check's business
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (e) {
    return describeError(e);
  } finally {
    await client.end().catch(() => {});
  }
}

async function redis(url: string): Promise<string | null> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on("error", () => {}); // connect() rejects with the same error
  try {
    await client.connect();
    const answer: string = await client.ping(); // typed "PONG", but a server may answer otherwise
    return answer === "PONG" ? null : `PING answered ${answer}`;
  } catch (e) {
    return describeError(e);
  } finally {
    client.disconnect();
  }
}

export function realProbes(env: Env = process.env): DoctorProbes {
  return {
    env,
    fileExists: (file) => fs.existsSync(file),
    readText,
    tfjsNode,
    nativeKernels,
    compilerFinds,
    commandPath,
    playwrightChromium,
    postgres,
    redis,
    measureTraining: ({ nativeKernels: on }) => measureTraining({ nativeKernels: on }),
  };
}
