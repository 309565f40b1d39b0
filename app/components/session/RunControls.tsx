"use client";

import type { ControlAction, RunView } from "../../../lib/contracts/session";
import { buttonSecondary } from "../ui";
import { ACTION_LABELS, actionsFor } from "./runActions";
import { useCommand, type Control } from "./useCommand";

/** Pause / Resume / Stop for one run (owner only). */
export function RunControls({ run, control }: { run: RunView; control: Control }) {
  const { busy, error, run: runCommand } = useCommand<ControlAction>();
  const actions = actionsFor(run);
  if (actions.length === 0) return null;
  return (
    <div className="flex flex-col items-end gap-1" data-testid="run-controls" data-run-id={run.id}>
      <div className="flex gap-2" role="group" aria-label="Run controls">
        {actions.map((a) => (
          <button
            key={a}
            type="button"
            className={buttonSecondary}
            disabled={busy !== null}
            onClick={() => void runCommand(a, () => control(a, run.id))}
          >
            {busy === a ? `${ACTION_LABELS[a]}…` : ACTION_LABELS[a]}
          </button>
        ))}
      </div>
      {error && (
        <p role="alert" className="max-w-xs text-right text-xs text-rose-300">
          {error}
        </p>
      )}
    </div>
  );
}
