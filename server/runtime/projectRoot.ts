import fs from "node:fs";
import path from "node:path";

/**
 * The project's root folder (the one with package.json), found from this file upwards. One answer whether the code
 * runs from its sources under tsx (server/runtime/) or compiled into dist/ (dist/server/…, see scripts/build-server.cjs),
 * where `path.resolve(__dirname, "..", "..")` would point elsewhere.
 */
export function projectRoot(): string {
  cached ??= find();
  return cached;
}

let cached: string | undefined;

function find(): string {
  for (let dir = __dirname; ;) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}
