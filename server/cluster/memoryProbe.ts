import fs from "node:fs";
import os from "node:os";
import type { TrainOverrides } from "../../lib/model/config";
import type { Proc } from "./processes";

/**
 * Measuring an app server's resident memory around training runs — `npm run bench:memory` and the memory test use
 * it on a server started with startAppServer (processes.ts), so what is measured is the server process itself,
 * its training and writer threads included.
 */

/** "AMD EPYC 9B45 (2 cores)": benchmarks print it, since numbers only compare on the same machine. */
export function cpuModel(): string {
  let name = os.cpus()[0]?.model ?? "unknown CPU";
  try {
    name = /model name\s*:\s*(.+)/.exec(fs.readFileSync("/proc/cpuinfo", "utf8"))?.[1]?.trim() ?? name;
  } catch {
    // not Linux: os.cpus() it is
  }
  return `${name} (${os.cpus().length} cores)`;
}

function rssMb(proc: Proc): number {
  const m = proc.memory();
  if (!m) throw new Error(`${proc.name}: cannot read its memory (/proc) — is it running, on Linux?`);
  return m.rssMb;
}

/** RSS once the server has been idle for `ms` (a run's last writes and the release after it are done). */
export async function settledRssMb(proc: Proc, ms = 3000): Promise<number> {
  await new Promise((r) => setTimeout(r, ms));
  return rssMb(proc);
}

export interface MeasuredRun {
  status: string;
  seconds: number;
  /** Highest RSS seen while it trained (sampled every 100 ms). */
  peakMb: number;
}

/** Creates a one-run session of `overrides` on vae-seed and waits until the run ends. */
export async function trainOnce(
  base: string,
  proc: Proc,
  overrides: TrainOverrides,
  timeoutMs = 600_000,
): Promise<MeasuredRun> {
  const res = await fetch(`${base}/api/sessions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ runs: [{ preset: "vae-seed", overrides }] }),
  });
  if (res.status !== 201) throw new Error(`could not create the run: ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  const started = Date.now();
  let peakMb = 0;
  let lastPoll = 0;
  for (;;) {
    peakMb = Math.max(peakMb, rssMb(proc));
    if (Date.now() - lastPoll >= 300) {
      lastPoll = Date.now();
      const view = (await (await fetch(`${base}/api/sessions/${id}`)).json()) as {
        runs: { status: string; error?: string }[];
      };
      const run = view.runs[0]!;
      if (["done", "failed", "stopped", "interrupted"].includes(run.status)) {
        if (run.status !== "done") throw new Error(`the run ended ${run.status}: ${run.error ?? ""}`);
        return { status: run.status, seconds: (Date.now() - started) / 1000, peakMb };
      }
    }
    if (Date.now() - started > timeoutMs) throw new Error("the run did not finish in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}
