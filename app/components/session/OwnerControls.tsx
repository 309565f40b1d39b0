"use client";

import { useState } from "react";
import type { ControlAction, RunView } from "../../../lib/contracts/session";
import { buttonDanger, buttonSecondary } from "../ui";
import { errorMessage } from "../../../lib/errors";

type Control = (action: ControlAction, runId?: string) => Promise<RunView[]>;

/** Which actions make sense for a run in this status. */
export function actionsFor(run: Pick<RunView, "status" | "queuePosition">): ControlAction[] {
  switch (run.status) {
    case "training":
      return ["pause", "stop"];
    case "paused":
      return ["resume", "stop"];
    case "queued":
      // Runs created without autostart wait for the owner; queued ones with a position wait for a trainer.
      return run.queuePosition === undefined ? ["start", "stop"] : ["stop"];
    default:
      return [];
  }
}

const LABELS: Record<ControlAction, string> = {
  start: "Start",
  pause: "Pause",
  resume: "Resume",
  stop: "Stop",
  delete: "Delete",
};

/** Pause / Resume / Stop for one run (owner only). */
export function RunControls({ run, control }: { run: RunView; control: Control }) {
  const [busy, setBusy] = useState<ControlAction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const actions = actionsFor(run);
  if (actions.length === 0) return null;
  const act = async (action: ControlAction) => {
    setBusy(action);
    setError(null);
    try {
      await control(action, run.id);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="flex flex-col items-end gap-1" data-testid="run-controls" data-run-id={run.id}>
      <div className="flex gap-2" role="group" aria-label="Run controls">
        {actions.map((a) => (
          <button
            key={a}
            type="button"
            className={buttonSecondary}
            disabled={busy !== null}
            onClick={() => void act(a)}
          >
            {busy === a ? `${LABELS[a]}…` : LABELS[a]}
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

/** Deleting is final, so it takes two clicks. */
export function DeleteSessionButton({ control, onDeleted }: { control: Control; onDeleted: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const del = async () => {
    setBusy(true);
    setError(null);
    try {
      await control("delete");
      onDeleted();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };
  return (
    <span className="inline-flex flex-col items-end gap-1">
      {confirming ? (
        <span className="flex items-center gap-2">
          <span className="text-xs text-rose-200">Delete for everyone?</span>
          <button type="button" className={buttonDanger} disabled={busy} onClick={() => void del()}>
            {busy ? "Deleting…" : "Yes, delete"}
          </button>
          <button type="button" className={buttonSecondary} disabled={busy} onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </span>
      ) : (
        <button type="button" className={buttonDanger} onClick={() => setConfirming(true)}>
          Delete session
        </button>
      )}
      {error && (
        <span role="alert" className="text-xs text-rose-300">
          {error}
        </span>
      )}
    </span>
  );
}
