/**
 * The first `npm run evaluate` of a label-conditioned run trains the judge classifier before it can score anything
 * (about 45 s with the native kernels, once; afterwards it is read from DATA_DIR/judge). loadJudge reports only at
 * the start and after each epoch, so on a terminal this keeps one line ticking in between — the user sees that
 * something is happening and roughly how long it has taken. Off a terminal (logs, CI) the reports are printed as
 * plain lines and nothing ticks.
 */

export interface JudgeProgress {
  /** Pass as loadJudge's `log`: called only when the judge is being trained. */
  log(message: string): void;
  /** Clears the ticking line (call when loadJudge settles). */
  end(): void;
}

interface Output {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export interface JudgeProgressOptions {
  stream?: Output;
  now?: () => number;
  /** Redraw period of the ticking line in ms. */
  tickMs?: number;
}

/** The ticking line: time since training started first (narrow terminals cut the end), then the latest report. */
export function judgeProgressText(latest: string, elapsedMs: number): string {
  return `  ${Math.round(elapsedMs / 1000)} s · ${latest}`;
}

const STARTED = "training the judge classifier…";

export function judgeProgressLine(opts: JudgeProgressOptions = {}): JudgeProgress {
  const stream = opts.stream ?? process.stderr;
  const now = opts.now ?? Date.now;
  const tty = stream.isTTY === true;
  let started: number | null = null;
  let latest = "";
  let timer: ReturnType<typeof setInterval> | null = null;
  // A pseudo-terminal may report 0 columns: treat that as unknown.
  const width = (): number => Math.max(40, (stream.columns || 120) - 1);
  const draw = (): void => {
    if (started !== null)
      stream.write(
        `\r${judgeProgressText(latest, now() - started)
          .slice(0, width())
          .padEnd(width())}`,
      );
  };
  return {
    log(message) {
      if (!tty) {
        stream.write(`${message}\n`);
        return;
      }
      if (started === null) {
        started = now();
        stream.write(`${message}\n`); // the first report says where the judge will be cached: keep it on screen
        latest = STARTED;
        timer = setInterval(draw, opts.tickMs ?? 1000);
        timer.unref();
      } else latest = message;
      draw();
    },
    end() {
      if (timer) clearInterval(timer);
      timer = null;
      if (tty && started !== null && latest !== STARTED) stream.write(`\r${" ".repeat(width())}\r${latest}\n`);
      else if (tty && started !== null) stream.write(`\r${" ".repeat(width())}\r`);
      started = null;
    },
  };
}
