import type { EpochMetrics } from "../../../lib/contracts/training";
import type { TrainConfig } from "../../../lib/model/config";
import { EXPLAIN, Term } from "../a11y/Term";
import { formatNats } from "../format";
import { referenceText } from "./runAdvice";

/** The latest epoch's test −ELBO (recon + KL), and the reference a run like this reaches. */
export function LatestElbo({ epoch, config }: { epoch: EpochMetrics; config: TrainConfig }) {
  const reference = referenceText(config, epoch.epoch);
  return (
    <p className="mt-1 text-sm text-slate-300 tabular" data-testid="latest-elbo">
      <Term explain={EXPLAIN.negElbo}>test −ELBO</Term>{" "}
      <strong className="text-slate-100">{formatNats(epoch.testNegElbo)} nats</strong>{" "}
      <span className="text-slate-500">
        (recon {formatNats(epoch.testRecon)} + KL {formatNats(epoch.testKl)})
      </span>
      {reference && (
        <span className="block text-xs text-slate-400" data-testid="reference">
          Reference, {reference}
        </span>
      )}
    </p>
  );
}
