import fs from "node:fs";
import os from "node:os";

/**
 * Lowers this process's CPU priority to `nice` (0–19). On Linux niceness belongs to each thread, so every thread
 * that exists now is lowered, and threads started later (training workers, the libuv pool) inherit it from the
 * main thread. Returns a line for the log; never throws (a platform that refuses just keeps the priority it had).
 */
export function lowerCpuPriority(nice: number): string {
  if (nice === 0) return "cpu priority: normal (nice 0)";
  try {
    os.setPriority(0, nice);
    let threads = 0;
    try {
      for (const tid of fs.readdirSync("/proc/self/task")) {
        try {
          os.setPriority(Number(tid), nice);
          threads++;
        } catch {
          // a thread that ended meanwhile
        }
      }
    } catch {
      // no /proc (not Linux): the process-wide call above is all there is
    }
    return `cpu priority: nice ${os.getPriority(0)}${threads > 0 ? ` on all ${threads} threads` : ""}`;
  } catch (err) {
    return `cpu priority: unchanged (${err instanceof Error ? err.message : String(err)})`;
  }
}
