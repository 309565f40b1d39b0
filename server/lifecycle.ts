import { logger } from "./logging/logger";

/**
 * Graceful shutdown of a long-running process (app server, trainer): on SIGINT or SIGTERM, run `close` once and exit
 * 0; exit 1 if it fails or takes longer than `timeoutMs` (a stuck close must not keep a deploy waiting forever).
 */
export function closeOnSignals(name: string, what: string, close: () => Promise<void>, timeoutMs = 15_000): void {
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    const log = logger().child({ component: name });
    log.info(`${signal}, ${what}…`);
    const force = setTimeout(() => {
      log.error("shutdown took too long, exiting");
      process.exit(1);
    }, timeoutMs);
    force.unref();
    close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}
