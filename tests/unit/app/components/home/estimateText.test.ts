import assert from "node:assert/strict";
import { test } from "node:test";
import { describeEstimate, roundEstimate } from "../../../../../app/components/home/estimateText";
import type { ThroughputResponse } from "../../../../../lib/contracts/throughput";
import { denseMacsPerImage, fallbackThroughput } from "../../../../../lib/estimate/trainingTime";
import { resolveConfig } from "../../../../../lib/model/config";

function throughput(): ThroughputResponse {
  const measured = (preset: "vae-seed" | "cvae-label", imgPerSec: number) => ({
    source: "measured" as const,
    runs: 2,
    macsPerSecond: imgPerSec * denseMacsPerImage(resolveConfig(preset)),
    imgPerSecAtDefaults: imgPerSec,
    epochOverheadSeconds: 1,
    startupSeconds: 4,
  });
  return {
    presets: {
      "vae-seed": measured("vae-seed", 30000),
      "cvae-label": measured("cvae-label", 20000),
      "cvae-inpaint": fallbackThroughput("cvae-inpaint"),
      "vae-pytorch": fallbackThroughput("vae-pytorch"),
    },
  };
}

test("roundEstimate: 5 s steps under a minute, 10 s under ten minutes, then whole minutes", () => {
  assert.equal(roundEstimate(2), 5);
  assert.equal(roundEstimate(33), 35);
  assert.equal(roundEstimate(64), 60);
  assert.equal(roundEstimate(125), 130);
  assert.equal(roundEstimate(1000), 1020);
});

test("describeEstimate: measured presets say so; 10 epochs of 60,000 at 30,000 img/s is 4 + 10 x (1 + 2) s", () => {
  const e = describeEstimate(throughput(), [resolveConfig("vae-seed")])!;
  assert.equal(e.seconds, 35);
  assert.equal(e.text, "about 35 s");
  assert.equal(e.basis, "from the speed of 2 finished runs on this server");
});

test("describeEstimate: a comparison adds both runs; a preset without measurements is called a rough guess", () => {
  const both = describeEstimate(throughput(), [resolveConfig("vae-seed"), resolveConfig("cvae-label")])!;
  assert.equal(both.seconds, 80); // 34 + (4 + 10 x (1 + 3)) = 78, rounded to 10 s
  assert.match(both.text, /for both runs, one after the other$/);
  const guess = describeEstimate(throughput(), [resolveConfig("cvae-inpaint")])!;
  assert.match(guess.basis, /^a rough guess: no CVAE inpainting run has finished/);
  assert.equal(describeEstimate(null, [resolveConfig("vae-seed")]), null);
  assert.equal(describeEstimate(throughput(), null), null);
});
