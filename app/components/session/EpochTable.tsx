"use client";

import type { LiveRun } from "../../client/sessionState";
import { formatNats } from "../format";
import { runColor } from "../ui";
import { presetLabel } from "./runText";

/** The exact numbers behind the epoch chart, for those who want them (the run column only when there are several). */
export function EpochTable({ runs }: { runs: LiveRun[] }) {
  const rows = runs.flatMap((r) => r.epochs.map((e) => ({ r, e })));
  if (rows.length === 0) return null;
  const named = runs.length > 1;
  const cell = "py-1 pr-2 sm:pr-3";
  return (
    <details className="mt-3 text-sm">
      <summary className="cursor-pointer text-slate-400 hover:text-slate-200">Per-epoch numbers</summary>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full text-left text-xs tabular sm:text-sm">
          <thead className="text-slate-400">
            <tr>
              {named && <th className={`${cell} font-normal`}>run</th>}
              <th className={`${cell} font-normal`}>epoch</th>
              <th className={`${cell} font-normal`}>train loss</th>
              <th className={`${cell} font-normal`}>test −ELBO</th>
              <th className={`${cell} font-normal`}>recon</th>
              <th className={`${cell} font-normal`}>KL</th>
              <th className={`${cell} font-normal`}>time</th>
            </tr>
          </thead>
          <tbody className="text-slate-300">
            {rows.map(({ r, e }) => (
              <tr key={`${r.view.id}-${e.epoch}`} className="border-t border-slate-800">
                {named && (
                  <td className={cell} style={{ color: runColor(r.view.index) }}>
                    {presetLabel(r.view.preset)}
                  </td>
                )}
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
    </details>
  );
}
