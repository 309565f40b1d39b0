import { readFileSync } from "node:fs";

/**
 * Main-thread CPU time per tick, from a Chromium trace (categories "toplevel" and "blink.user_timing"):
 * for each pair of marks `tick-N-start` / `tick-N-end` the harness sets, the thread time (tdur) of every
 * top-level task on the page's main thread that overlaps them — the append's script and the frame it
 * renders, and nothing of the time other processes held the CPU.
 */
interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
}

export function cpuMsPerTick(tracePath: string): number[] {
  const raw = JSON.parse(readFileSync(tracePath, "utf8")) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(raw) ? raw : (raw.traceEvents ?? []);
  const marks = events.filter((e) => e.cat?.includes("blink.user_timing") && /^tick-\d+-(start|end)$/.test(e.name));
  const first = marks[0];
  if (!first) throw new Error(`no tick marks in ${tracePath}`);
  const tasks = events.filter(
    (e) => e.ph === "X" && e.pid === first.pid && e.tid === first.tid && e.name === "ThreadControllerImpl::RunTask",
  );
  const windows = new Map<number, { start?: number; end?: number }>();
  for (const m of marks) {
    const [, n, kind] = /^tick-(\d+)-(start|end)$/.exec(m.name)!;
    const w = windows.get(Number(n)) ?? {};
    w[kind as "start" | "end"] = m.ts;
    windows.set(Number(n), w);
  }
  return [...windows.values()].flatMap(({ start, end }) => {
    if (start === undefined || end === undefined) return [];
    const overlapping = tasks.filter((t) => t.ts <= end && t.ts + (t.dur ?? 0) >= start);
    return [overlapping.reduce((sum, t) => sum + (t.tdur ?? 0), 0) / 1000];
  });
}
