import { test } from "node:test";
import assert from "node:assert/strict";
import type { ChartLine } from "../../../../../app/components/charts/chartModel";
import {
  lastValueIndex,
  readoutAt,
  readoutSentence,
  viewSentence,
} from "../../../../../app/components/charts/chartReadout";

const lines: ChartLine[] = [
  { key: "a-raw", runId: "a", label: "VAE raw", kind: "raw", color: "#111", faint: true },
  { key: "a-loss", runId: "a", label: "VAE loss", kind: "loss", color: "#222" },
  { key: "b-loss", runId: "b", label: "CVAE loss", kind: "loss", color: "#333" },
];
// Steps 0, 5, 10, 20: run a reports 0, 10, 20; run b reports 5 and 10.
const data: [number[], ...(number | null | undefined)[][]] = [
  [0, 5, 10, 1200],
  [200, undefined, 150, 120],
  [190, undefined, 140, 110.04],
  [undefined, 300, 250, undefined],
];

test("lastValueIndex skips holes and gaps", () => {
  assert.equal(lastValueIndex([1, 2, undefined, null]), 1);
  assert.equal(lastValueIndex([1, 2, 3], 1), 1);
  assert.equal(lastValueIndex([undefined, null]), null);
});

test("without a cursor the readout shows each line's own latest value; faint raw lines are left out", () => {
  const r = readoutAt({ data, lines, shown: [true, true, true], cursorIdx: null, xLabel: "step" });
  assert.deepEqual(r, {
    heading: "latest",
    entries: [
      { label: "VAE loss", shortLabel: "VAE loss", color: "#222", value: "110.0" },
      { label: "CVAE loss", shortLabel: "CVAE loss", color: "#333", value: "250.0" },
    ],
  });
});

test("under the cursor each line shows the point uPlot chose for it, and lines switched off are left out", () => {
  const r = readoutAt({
    data,
    lines,
    shown: [true, true, false],
    cursorIdx: 3,
    seriesIdxs: [3, 3, 3, 2],
    xLabel: "step",
  });
  assert.deepEqual(r, {
    heading: "step 1,200",
    entries: [{ label: "VAE loss", shortLabel: "VAE loss", color: "#222", value: "110.0" }],
  });
  const noIdxs = readoutAt({ data, lines, shown: [true, true, true], cursorIdx: 2, xLabel: "step" });
  assert.deepEqual(
    noIdxs?.entries.map((e) => e.value),
    ["140.0", "250.0"],
  );
});

test("on screen a run's later values drop the run's name, which its first value already gave", () => {
  const split: ChartLine[] = [
    { key: "a-loss", runId: "a", label: "VAE loss", kind: "loss", color: "#222" },
    { key: "a-kl", runId: "a", label: "VAE KL", kind: "KL", color: "#222" },
    { key: "b-loss", runId: "b", label: "CVAE loss", kind: "loss", color: "#333" },
    { key: "b-kl", runId: "b", label: "CVAE KL", kind: "KL", color: "#333" },
  ];
  const r = readoutAt({
    data: [[1], [100], [10], [90], [9]],
    lines: split,
    shown: [true, true, true, true],
    cursorIdx: 0,
    xLabel: "step",
  });
  assert.deepEqual(
    r?.entries.map((e) => e.shortLabel),
    ["VAE loss", "KL", "CVAE loss", "KL"],
  );
  // Hiding the first run must not leave the second run's values without their name.
  const hidden = readoutAt({
    data: [[1], [100], [10], [90], [9]],
    lines: split,
    shown: [false, false, true, true],
    cursorIdx: 0,
    xLabel: "step",
  });
  assert.deepEqual(
    hidden?.entries.map((e) => e.shortLabel),
    ["CVAE loss", "KL"],
  );
});

test("no data, no readout; the sentences say so", () => {
  assert.equal(readoutAt({ data: [[]], lines: [], shown: [], cursorIdx: null, xLabel: "step" }), null);
  assert.equal(readoutSentence(null, "nats"), "No values yet.");
  assert.equal(readoutSentence({ heading: "step 5", entries: [] }, "nats"), "step 5: no values.");
  assert.equal(
    readoutSentence(
      {
        heading: "step 5",
        entries: [
          { label: "VAE loss", shortLabel: "VAE loss", color: "", value: "104.2" },
          { label: "VAE KL", shortLabel: "KL", color: "", value: "8.1" },
        ],
      },
      "nats per image",
    ),
    "step 5: VAE loss 104.2, VAE KL 8.1 nats per image.",
  );
});

test("viewSentence says what is in view", () => {
  assert.equal(viewSentence([0, 14000], [0, 14000], "step", false), "Showing every step, 0 to 14,000.");
  assert.equal(viewSentence([2000, 4000.4], [0, 14000], "step", true), "Zoomed to step 2,000 to 4,000 of 0 to 14,000.");
});
