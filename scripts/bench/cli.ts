import os from "node:os";

/** What every benchmark script needs: its flags, the machine it ran on, and a table of what it measured. */

/** `--name value` from the command line, or the fallback. */
export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

export function cpuModel(): string {
  return `${os.cpus()[0]?.model ?? "unknown CPU"} (${os.cpus().length} cores)`;
}

/** The line a measurement starts with: CPU, cores, OPENBLAS_CORETYPE, the tfjs backend and the load average. */
export function machineLine(backend: string): string {
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
  return `CPU: ${os.cpus()[0]?.model ?? "?"} × ${os.cpus().length}, OPENBLAS_CORETYPE=${process.env.OPENBLAS_CORETYPE ?? "(unset)"}, backend ${backend}, load average ${load}`;
}

/** Rows of measure | value | goal, as a plain-text table under a title. */
export function printTable(title: string, rows: [string, string, string][]): void {
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  console.log(`\n${title}\n`);
  console.log(`${"measure".padEnd(w0)} | ${"value".padEnd(w1)} | goal`);
  console.log(`${"-".repeat(w0)}-|-${"-".repeat(w1)}-|-----`);
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)} | ${b.padEnd(w1)} | ${c}`);
}
