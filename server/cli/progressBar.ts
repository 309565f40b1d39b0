import type { Progress } from "../../lib/contracts/training";
import { terminalColumns } from "./terminal";

/**
 * Training progress on stderr: a redrawn bar on a terminal, plain lines at most every `plainEveryMs` otherwise
 * (logs and CI stay readable).
 */
export interface ProgressPrinter {
  update(p: Progress): void;
  /** Any one-line status (e.g. an evaluation's progress), drawn like the bar. */
  raw(text: string): void;
  /** Clears the bar so a normal line can be printed. */
  clear(): void;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60
    ? `${m}m${String(s % 60).padStart(2, "0")}s`
    : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}

export function progressText(p: Progress, barWidth = 24): string {
  const frac = p.step / p.stepsPerEpoch;
  const filled = Math.round(frac * barWidth);
  const bar = "#".repeat(filled) + "-".repeat(barWidth - filled);
  return `epoch ${p.epoch}/${p.epochs} [${bar}] ${p.step}/${p.stepsPerEpoch}  loss ${p.loss.toFixed(2)} (recon ${p.recon.toFixed(2)}, kl ${p.kl.toFixed(2)} x${p.klWeight.toFixed(2)})  ${Math.round(p.imgPerSec)} img/s  eta ${formatDuration(p.etaSeconds)}`;
}

export function createProgressPrinter(
  stream: NodeJS.WriteStream = process.stderr,
  plainEveryMs = 10000,
): ProgressPrinter {
  const tty = stream.isTTY;
  let shown = false;
  let lastPlain = 0;
  const draw = (full: string, plain: () => string): void => {
    if (tty) {
      const width = Math.max(40, (terminalColumns(stream) ?? 120) - 1);
      stream.write(`\r${full.slice(0, width).padEnd(width)}`);
      shown = true;
    } else if (Date.now() - lastPlain >= plainEveryMs) {
      lastPlain = Date.now();
      stream.write(`${plain()}\n`);
    }
  };
  return {
    update(p) {
      draw(progressText(p), () => progressText(p, 10));
    },
    raw(text) {
      draw(text, () => text);
    },
    clear() {
      if (tty && shown) stream.write(`\r${" ".repeat(Math.max(40, (terminalColumns(stream) ?? 120) - 1))}\r`);
      shown = false;
    },
  };
}
