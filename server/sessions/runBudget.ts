import { runLimitViolations } from "../../lib/budget/limits";
import type { RunLimits } from "../../lib/contracts/limits";
import type { TrainConfig } from "../../lib/model/config";
import type { Repositories, RunRecord } from "../repositories/types";
import { AppError } from "../errors";

/** Statuses of runs that cost the server now or soon: waiting in the queue, training, or paused (holding a slot). */
const LIVE = ["queued", "training", "paused"] as const;

/** A run that is waiting in the queue or holds a training slot (a "queued" run without queuedAt waits for its owner). */
export function isQueuedOrActive(run: Pick<RunRecord, "status" | "queuedAt">): boolean {
  return run.status === "training" || run.status === "paused" || (run.status === "queued" && run.queuedAt !== null);
}

/**
 * The budgets of lib/budget/limits.ts, enforced where both the embedded and the distributed mode pass: the session
 * use cases. Per-run limits are checked on the configuration; the per-client limit counts the client's runs in the
 * database (by clientHash), so it holds across app servers. Checks for one client run one at a time in this
 * process, so two simultaneous requests cannot both take the last place; two app servers can still race within the
 * few milliseconds between counting and queueing (docs/security.md).
 */
export class RunBudget {
  private readonly perClient = new Map<string, Promise<unknown>>();

  constructor(
    private readonly repos: Repositories,
    readonly limits: RunLimits,
  ) {}

  /** 400 naming the first limit a configuration exceeds (`where` says which run: "runs.0"). */
  checkConfigs(configs: readonly TrainConfig[], where: (index: number) => string = (i) => `runs.${i}`): void {
    configs.forEach((config, i) => {
      const [first] = runLimitViolations(config, this.limits);
      if (first) throw new AppError("bad_request", `${where(i)}: ${first}`);
    });
  }

  /** 429 when `adding` more runs would give the client more than clientMaxActiveRuns waiting or training. */
  async checkClient(clientHash: string | null, adding: number): Promise<void> {
    if (!clientHash || adding <= 0) return;
    const max = this.limits.clientMaxActiveRuns;
    const live = (await this.repos.runs.listByClient(clientHash, [...LIVE])).filter(isQueuedOrActive).length;
    if (live + adding > max) {
      const room = Math.max(0, max - live);
      throw new AppError(
        "rate_limited",
        `you already have ${live} run${live === 1 ? "" : "s"} waiting or training; this server allows ${max} per visitor ` +
          `(CLIENT_MAX_ACTIVE_RUNS)${room > 0 ? `, so ${room} more now` : ""}: wait for one to finish or stop one`,
      );
    }
  }

  /** Runs `fn` after every earlier call for the same client has finished (check, then queue, without interleaving). */
  serialise<T>(clientHash: string | null, fn: () => Promise<T>): Promise<T> {
    if (!clientHash) return fn();
    const previous = this.perClient.get(clientHash) ?? Promise.resolve();
    const next = previous.then(fn, fn);
    const settled = next.catch(() => undefined);
    this.perClient.set(clientHash, settled);
    void settled.then(() => {
      if (this.perClient.get(clientHash) === settled) this.perClient.delete(clientHash);
    });
    return next;
  }
}
