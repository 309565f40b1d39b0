"use client";

import { useId } from "react";

/**
 * The epoch slider of a run's pictures (sample grids, latent scatter): the rightmost stop follows the newest epoch as
 * it arrives ("live"), any other stop holds that epoch. Renders nothing until there are two epochs to choose from.
 */
export function EpochSlider({
  epochs,
  picked,
  onPick,
  label = "Epoch",
}: {
  epochs: number[];
  picked: number | null;
  onPick: (epoch: number | null) => void;
  label?: string;
}) {
  const id = useId();
  if (epochs.length < 2) return null;
  const index = picked === null ? epochs.length - 1 : Math.max(epochs.indexOf(picked), 0);
  return (
    <div className="mt-3 flex flex-wrap items-center gap-3 text-sm text-slate-300">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="range"
        min={0}
        max={epochs.length - 1}
        step={1}
        value={index}
        aria-valuetext={`epoch ${epochs[index] ?? ""}`}
        onChange={(e) => {
          const i = Number(e.target.value);
          onPick(i >= epochs.length - 1 ? null : (epochs[i] ?? null));
        }}
        className="min-w-32 flex-1"
      />
      <span className="w-24 tabular">
        {epochs[index]} / {epochs[epochs.length - 1]}
        {picked === null && <span className="text-slate-500"> · live</span>}
      </span>
    </div>
  );
}
