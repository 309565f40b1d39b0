import type { TrainConfig } from "../../../lib/model/config";
import { shortRunNote } from "./runAdvice";

/** The short-run warning as a note (not an alert: nothing is wrong, the visitor should just know). */
export function ShortRunNote({
  config,
  className = "",
}: {
  config: Pick<TrainConfig, "condition" | "epochs" | "trainSize" | "latentDim" | "beta" | "dataset">;
  className?: string;
}) {
  const note = shortRunNote(config);
  if (!note) return null;
  return (
    <p
      data-testid="short-run-note"
      className={`rounded-md border border-amber-900/60 bg-amber-950/30 px-3 py-2 text-sm text-amber-100 ${className}`}
    >
      {note}
    </p>
  );
}
