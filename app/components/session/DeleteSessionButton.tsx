"use client";

import { useState } from "react";
import { buttonDanger, buttonSecondary } from "../ui";
import { useCommand, type Control } from "./useCommand";

/** Deleting is final, so it takes two clicks. */
export function DeleteSessionButton({ control, onDeleted }: { control: Control; onDeleted: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run } = useCommand<"delete">();
  const busyDeleting = busy !== null;
  const del = () =>
    run(
      "delete",
      async () => {
        await control("delete");
        onDeleted();
      },
      true,
    );
  return (
    <span className="inline-flex flex-col items-end gap-1">
      {confirming ? (
        <span className="flex items-center gap-2">
          <span className="text-xs text-rose-200">Delete for everyone?</span>
          <button type="button" className={buttonDanger} disabled={busyDeleting} onClick={() => void del()}>
            {busyDeleting ? "Deleting…" : "Yes, delete"}
          </button>
          <button
            type="button"
            className={buttonSecondary}
            disabled={busyDeleting}
            onClick={() => setConfirming(false)}
          >
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
