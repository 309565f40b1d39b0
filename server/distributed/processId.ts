import { randomBytes } from "node:crypto";
import os from "node:os";

/** A name for this process in the cluster (presence, leases, ownership tokens, reply channels): readable and unique. */
export function processId(role: "app" | "trainer"): string {
  return `${role}:${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}
