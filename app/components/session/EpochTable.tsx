"use client";

import type { LiveRun } from "../../client/sessionState";
import { formatNats } from "../format";
import { runColor } from "../ui";
import { presetLabel } from "./runText";

const cell = "py-1 pr-2 sm:pr-3";

/**
 * The exact numbers behind the epoch chart, for those who want them: one table per run (a run column
 * would not fit a phone), captioned with the run's model when there are several.
 */
export function EpochTable({ runs }: { runs: LiveRun[] }) {
  const withEpochs = runs.filter((r) => r.epochs.length > 0);
  if (withEpochs.length === 0) return null;
  return (
    <details className="mt-3 text-sm">
      <summary className="cursor-pointer text-slate-400 hover:text-slate-200">Per-epoch numbers</summary>
      {withEpochs.map((r) => (
        <div key={r.view.id} className="mt-2 overflow-x-auto">
          <table className="w-full text-left text-xs tabular sm:text-sm">
            {runs.length > 1 && (
              <caption className="pb-1 text-left font-medium" style={{ color: runColor(r.view.index) }}>
                {presetLabel(r.view.preset)}
              </caption>
            )}
            <thead className="text-slate-400">
              <tr>
                {["epoch", "train loss", "test −ELBO", "recon", "KL", "time"].map((h) => (
                  <th key={h} scope="col" className={`${cell} font-normal`}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="text-slate-300">
              {r.epochs.map((e) => (
                <tr key={e.epoch} className="border-t border-slate-800">
                  <td className={cell}>{e.epoch}</td>
                  <td className={cell}>{formatNats(e.trainLoss)}</td>
                  <td className={cell}>{formatNats(e.testNegElbo)}</td>
                  <td className={cell}>{formatNats(e.testRecon)}</td>
                  <td className={cell}>{formatNats(e.testKl)}</td>
                  <td className={cell}>{e.seconds.toFixed(1)} s</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </details>
  );
}
