"use client";

import { useId, useMemo, useState } from "react";
import type { LiveRun } from "../../client/sessionState";
import { ema } from "../charts/chartMath";
import { LineChart, type ChartSeries } from "../charts/LineChart";
import { panel, runColor, sectionTitle } from "../ui";
import { referenceText } from "./runAdvice";
import { EpochTable } from "./EpochTable";
import { presetLabel } from "./runText";

/**
 * Train loss per step (EMA smoothing, log scale, recon/KL split) and test −ELBO per epoch, with all runs
 * of the session overlaid (the seed comparison is two runs on the same axes).
 */
export function LossCharts({ runs }: { runs: LiveRun[] }) {
  const [smoothing, setSmoothing] = useState(0.6);
  const [log, setLog] = useState(false);
  const [split, setSplit] = useState(false);
  const ids = { smoothing: useId(), log: useId(), split: useId() };
  const totalPoints = runs.reduce((n, r) => n + r.steps.length, 0);

  const stepSeries = useMemo(() => {
    const out: ChartSeries[] = [];
    for (const r of runs) {
      const color = runColor(r.view.index);
      const name = runs.length > 1 ? `${presetLabel(r.view.preset)} ` : "";
      const xs = r.steps.map((p) => p.globalStep);
      const raw = r.steps.map((p) => p.loss);
      if (smoothing > 0) {
        out.push({ id: `${r.view.id}-raw`, label: `${name}raw`, color, faint: true, points: zip(xs, raw) });
      }
      out.push({ id: `${r.view.id}-loss`, label: `${name}loss`, color, points: zip(xs, ema(raw, smoothing)) });
      if (split) {
        out.push({ id: `${r.view.id}-recon`, label: `${name}recon`, color, dash: "dashed", points: zip(xs, ema(r.steps.map((p) => p.recon), smoothing)) });
        out.push({ id: `${r.view.id}-kl`, label: `${name}KL`, color, dash: "dotted", points: zip(xs, ema(r.steps.map((p) => p.kl), smoothing)) });
      }
    }
    return out;
  }, [runs, smoothing, split]);

  const epochSeries = useMemo(() => {
    const out: ChartSeries[] = [];
    for (const r of runs) {
      const color = runColor(r.view.index);
      const name = runs.length > 1 ? `${presetLabel(r.view.preset)} ` : "";
      const xs = r.epochs.map((e) => e.epoch);
      out.push({ id: `${r.view.id}-elbo`, label: `${name}−ELBO`, color, markers: true, points: zip(xs, r.epochs.map((e) => e.testNegElbo)) });
      if (split) {
        out.push({ id: `${r.view.id}-trecon`, label: `${name}recon`, color, dash: "dashed", points: zip(xs, r.epochs.map((e) => e.testRecon)) });
        out.push({ id: `${r.view.id}-tkl`, label: `${name}KL`, color, dash: "dotted", points: zip(xs, r.epochs.map((e) => e.testKl)) });
      }
    }
    return out;
  }, [runs, split]);

  return (
    <section className={panel} aria-labelledby="loss-heading">
      <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
        <h2 id="loss-heading" className={sectionTitle}>
          Loss
        </h2>
        <Legend runs={runs} split={split} />
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-x-6 gap-y-2 text-sm text-slate-300">
        <span className="flex items-center gap-2">
          <label htmlFor={ids.smoothing}>Smoothing</label>
          <input
            id={ids.smoothing}
            type="range"
            min={0}
            max={0.99}
            step={0.01}
            value={smoothing}
            onChange={(e) => setSmoothing(Number(e.target.value))}
            className="w-28"
          />
          <span className="w-8 tabular text-slate-400" aria-hidden="true">
            {smoothing.toFixed(2)}
          </span>
        </span>
        <label htmlFor={ids.log} className="flex items-center gap-2">
          <input id={ids.log} type="checkbox" checked={log} onChange={(e) => setLog(e.target.checked)} />
          Log scale
        </label>
        <label htmlFor={ids.split} className="flex items-center gap-2">
          <input id={ids.split} type="checkbox" checked={split} onChange={(e) => setSplit(e.target.checked)} />
          Show recon / KL
        </label>
      </div>

      <div className="mt-3" data-testid="loss-points" data-count={totalPoints}>
        <h3 className="text-xs text-slate-400">Train loss per step (nats per image)</h3>
        <LineChart series={stepSeries} title="Train loss per step" xLabel="step" yLabel="nats / image" log={log} />
      </div>
      <div className="mt-4" data-testid="epoch-points" data-count={runs.reduce((n, r) => n + r.epochs.length, 0)}>
        <h3 className="text-xs text-slate-400">Test negative ELBO per epoch (nats per image, β = 1)</h3>
        <References runs={runs} />
        <LineChart
          series={epochSeries}
          title="Test negative ELBO per epoch"
          xLabel="epoch"
          yLabel="nats / image"
          log={log}
          integerX
          height={200}
          emptyText="The first test −ELBO appears at the end of epoch 1"
        />
      </div>
      <EpochTable runs={runs} />
    </section>
  );
}

/** Reference numbers only for runs whose setup they were measured with (runAdvice.ts), named by run. */
function References({ runs }: { runs: LiveRun[] }) {
  const lines = runs.flatMap((r) => {
    const text = referenceText(r.view.config, null);
    return text ? [{ id: r.view.id, text: runs.length > 1 ? `${presetLabel(r.view.preset)}: ${text}` : text }] : [];
  });
  if (lines.length === 0) return null;
  return (
    <p className="text-xs text-slate-500">
      Reference{lines.length > 1 ? "s" : ""}: {lines.map((l) => l.text).join("; ")}
    </p>
  );
}

function zip(xs: readonly number[], ys: readonly number[]) {
  return xs.map((x, i) => ({ x, y: ys[i] ?? NaN }));
}

function Legend({ runs, split }: { runs: LiveRun[]; split: boolean }) {
  return (
    <ul className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-300" aria-label="Legend">
      {runs.map((r) => (
        <li key={r.view.id} className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block h-0.5 w-4" style={{ background: runColor(r.view.index) }} />
          {presetLabel(r.view.preset)}
        </li>
      ))}
      {split && (
        <>
          <li className="flex items-center gap-1.5 text-slate-400">
            <svg width="18" height="4" aria-hidden="true"><line x1="0" x2="18" y1="2" y2="2" stroke="#94a3b8" strokeWidth="2" strokeDasharray="6 4" /></svg>
            recon
          </li>
          <li className="flex items-center gap-1.5 text-slate-400">
            <svg width="18" height="4" aria-hidden="true"><line x1="0" x2="18" y1="2" y2="2" stroke="#94a3b8" strokeWidth="2" strokeDasharray="2 3" /></svg>
            KL
          </li>
        </>
      )}
    </ul>
  );
}
