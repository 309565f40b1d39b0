import { test } from "node:test";
import assert from "node:assert/strict";
import type uPlot from "uplot";
import type { ChartLine } from "../../../../../app/components/charts/chartModel";
import { chartOptions, type ChartOptionsInput } from "../../../../../app/components/charts/uplotOptions";

const lines: ChartLine[] = [
  { key: "a-raw", runId: "a", label: "raw", kind: "raw", color: "#38bdf8", faint: true },
  { key: "a-loss", runId: "a", label: "loss", kind: "loss", color: "#38bdf8" },
  { key: "a-recon", runId: "a", label: "recon", kind: "recon", color: "#38bdf8", style: "dashed", markers: true },
  { key: "a-kl", runId: "a", label: "KL", kind: "KL", color: "#38bdf8", style: "dotted" },
];

function options(extra: Partial<ChartOptionsInput> = {}): uPlot.Options {
  return chartOptions({
    lines,
    width: 300,
    height: 200,
    xLabel: "step",
    yLabel: "nats / image",
    log: false,
    followData: () => true,
    hooks: {},
    ...extra,
  });
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- the callbacks under test never read the plot
const plot = {} as uPlot;

/** Calls a scale's range function the way uPlot does. */
function rangeOf(o: uPlot.Options, min: number, max: number): [number, number] {
  const range = o.scales!.y!.range as (u: uPlot, min: number, max: number, key: string) => [number, number];
  return range(plot, min, max, "y");
}

test("one uPlot series per line after the x series: faint raw lines thin and translucent, dashes and markers as asked", () => {
  const s = options().series;
  assert.equal(s.length, 5);
  assert.equal(s[0]!.label, "step");
  assert.deepEqual([s[1]!.stroke, s[1]!.width], ["#38bdf840", 1]);
  assert.deepEqual([s[2]!.stroke, s[2]!.width, s[2]!.dash], ["#38bdf8", 1.75, undefined]);
  assert.deepEqual(s[3]!.dash, [6, 4]);
  assert.deepEqual(s[4]!.dash, [2, 3]);
  // Markers: shown while they fit (uPlot decides when `show` is unset); other lines: never.
  assert.equal(s[3]!.points?.show, undefined);
  assert.equal(s[3]!.points?.fill, "#38bdf8");
  assert.equal(s[2]!.points?.show, false);
});

test("the y axis is logarithmic only with log on, padded like the data's extent, with 1-2-5 ticks", () => {
  assert.equal(options().scales!.y!.distr, 1);
  assert.equal(options({ log: true }).scales!.y!.distr, 3);
  assert.equal(options().axes![1]!.splits, undefined);
  const splits = options({ log: true }).axes![1]!.splits as (u: uPlot, i: number, min: number, max: number) => number[];
  assert.deepEqual(splits(plot, 1, 14.84, 130), [20, 50, 100]);
  assert.deepEqual(rangeOf(options(), 100, 200), [95, 205]);
  const [lo, hi] = rangeOf(options({ log: true }), 100, 10000);
  assert.ok(Math.abs(lo - 100 / Math.pow(100, 0.05)) < 1e-9 && Math.abs(hi - 10000 * Math.pow(100, 0.05)) < 1e-6);
});

test("the x range follows the data only while followData says so (a zoomed viewer keeps their range)", () => {
  let follow = true;
  const auto = options({ followData: () => follow }).scales!.x!.auto as (u: uPlot, reset: boolean) => boolean;
  assert.equal(auto(plot, true), true);
  follow = false;
  assert.equal(auto(plot, true), false);
});

test("drag zooms x only, the built-in legend is off (ours has buttons), epochs get integer ticks", () => {
  const o = options({ integerX: true });
  assert.deepEqual([o.cursor!.drag!.x, o.cursor!.drag!.y, o.cursor!.drag!.setScale], [true, false, true]);
  assert.equal(o.legend!.show, false);
  assert.ok((o.axes![0]!.incrs as number[]).every(Number.isInteger));
  assert.equal(options().axes![0]!.incrs, undefined);
  const values = o.axes![1]!.values as (u: uPlot, splits: number[]) => string[];
  assert.deepEqual(values(plot, [0.02, 120, 15000]), ["0.02", "120", "15k"]);
});
