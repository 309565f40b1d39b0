/**
 * A log that writes at most `max` lines per `windowMs`; lines beyond are counted, and the next line written says
 * how many were dropped. For lines a client can cause at will (a socket's "error" event), so that no client can fill
 * the server's log or its disk.
 */
export function throttledLog(
  log: (msg: string) => void,
  opts: { max: number; windowMs: number; now?: () => number },
): (msg: string) => void {
  const now = opts.now ?? Date.now;
  let windowStart = -Infinity;
  let written = 0;
  let dropped = 0;
  return (msg) => {
    const t = now();
    if (t - windowStart >= opts.windowMs) {
      windowStart = t;
      written = 0;
    }
    if (written >= opts.max) {
      dropped++;
      return;
    }
    written++;
    log(dropped > 0 ? `${msg} (${dropped} similar line${dropped === 1 ? "" : "s"} dropped before this one)` : msg);
    dropped = 0;
  };
}
