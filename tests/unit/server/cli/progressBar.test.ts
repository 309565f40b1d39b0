import { test } from "node:test";
import assert from "node:assert/strict";
import { createProgressPrinter, formatDuration, progressText } from "../../../../server/cli/progressBar";
import type { Progress } from "../../../../lib/contracts/training";

const p: Progress = {
  epoch: 2,
  epochs: 10,
  step: 50,
  stepsPerEpoch: 100,
  globalStep: 150,
  loss: 123.456,
  recon: 100,
  kl: 23.456,
  klWeight: 1,
  imgPerSec: 1999.6,
  etaSeconds: 75,
};

test("formatDuration", () => {
  assert.deepEqual(
    [formatDuration(5.4), formatDuration(75), formatDuration(3725), formatDuration(NaN)],
    ["5s", "1m15s", "1h02m", "?"],
  );
});

test("progressText shows the bar half full, losses and speed", () => {
  assert.equal(
    progressText(p, 10),
    "epoch 2/10 [#####-----] 50/100  loss 123.46 (recon 100.00, kl 23.46 x1.00)  2000 img/s  eta 1m15s",
  );
});

test("without a TTY the printer writes plain lines, throttled", () => {
  const lines: string[] = [];
  const stream = { isTTY: false, write: (s: string) => lines.push(s) } as unknown as NodeJS.WriteStream;
  const printer = createProgressPrinter(stream, 60_000);
  printer.update(p);
  printer.update({ ...p, step: 51 });
  printer.clear();
  assert.equal(lines.length, 1);
  assert.ok(lines[0]!.endsWith("\n") && !lines[0]!.includes("\r"));
});

test("on a TTY the printer redraws one line and clears it", () => {
  const writes: string[] = [];
  const stream = { isTTY: true, columns: 200, write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream;
  const printer = createProgressPrinter(stream);
  printer.update(p);
  printer.update({ ...p, step: 60 });
  printer.clear();
  assert.equal(writes.length, 3);
  assert.ok(writes.every((w) => w.startsWith("\r") && !w.includes("\n")));
});
