import type { CheckpointView } from "../../lib/contracts/session";
import type { ExportedModel } from "../../lib/contracts/training";
import { withWeightDtype, type WeightDtype } from "../../lib/model/weightDtype";
import { AppError, runNotFound, sessionNotFound } from "../errors";
import type { CheckpointRecord, Repositories, RunRecord } from "../repositories/types";
import { CheckpointCache } from "./checkpointCache";
import { toCheckpointView } from "./views";

export type ModelPart = "encoder" | "decoder";

/**
 * A session's checkpoints as the model-file routes serve them: listed, resolved from "latest" or an id, and
 * converted to the requested weight dtype once per cached checkpoint.
 */
export class CheckpointFiles {
  constructor(
    private readonly repos: Pick<Repositories, "sessions" | "runs" | "checkpoints">,
    /** Normally the app's shared cache (filled as checkpoints are stored). */
    private readonly cache: CheckpointCache = new CheckpointCache(),
  ) {}

  /** The session's runs in order; 404 when the session does not exist. */
  private async sessionRuns(sessionId: string): Promise<RunRecord[]> {
    const runs = await this.repos.runs.listBySession(sessionId);
    if (runs.length === 0 && !(await this.repos.sessions.get(sessionId))) throw sessionNotFound();
    return runs.sort((a, b) => a.index - b.index);
  }

  /** Every checkpoint of the session, or of one of its runs. */
  async list(sessionId: string, runId?: string): Promise<CheckpointView[]> {
    const runs = await this.sessionRuns(sessionId);
    const chosen = runId ? runs.filter((r) => r.id === runId) : runs;
    if (runId && chosen.length === 0) throw runNotFound();
    const lists = await Promise.all(chosen.map((r) => this.repos.checkpoints.list(r.id)));
    return lists.flat().map(toCheckpointView);
  }

  private readonly load = (id: string) => this.repos.checkpoints.get(id);

  /** The newest checkpoint of `runId`, or of the session's first run. */
  async latest(sessionId: string, runId?: string): Promise<{ record: CheckpointRecord; latest: true }> {
    const runs = await this.sessionRuns(sessionId);
    const run = runId ? runs.find((r) => r.id === runId) : runs[0];
    if (!run) throw runNotFound();
    const last = (await this.repos.checkpoints.list(run.id)).at(-1);
    const record = last ? await this.cache.get(last.id, this.load) : null;
    if (!record) throw new AppError("not_found", "this run has no checkpoint yet");
    return { record, latest: true };
  }

  /** The checkpoint `id`, when it belongs to one of the session's runs. */
  async byId(sessionId: string, id: string): Promise<{ record: CheckpointRecord; latest: false }> {
    const runs = await this.sessionRuns(sessionId);
    const record = await this.cache.get(id, this.load);
    if (!record || !runs.some((r) => r.id === record.runId))
      throw new AppError("not_found", "checkpoint not found in this session");
    return { record, latest: false };
  }

  /** The checkpoint's `part` with weights encoded as `dtype`, converted once per cached checkpoint. */
  model(record: CheckpointRecord, part: ModelPart, dtype: WeightDtype): ExportedModel {
    return this.cache.variant(record, `${part}:${dtype}`, () => withWeightDtype(record.artifacts[part], dtype));
  }
}
