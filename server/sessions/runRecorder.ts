import type { StepPoint } from "../../lib/contracts/session";
import type { CheckpointArtifacts, EpochMetrics, SampleGrid } from "../../lib/contracts/training";
import type { LatentScatterData } from "../../lib/contracts/latent";
import type { CheckpointSummary, Repositories, RunEvaluationRecord } from "../repositories/types";
import type { CheckpointCache } from "./checkpointCache";
import { epochsToPrune } from "./checkpointRetention";
import { inProcessBlobWriter, type BlobWriter } from "./blobWriter";
import { componentLog } from "../logging/logger";

/** Step points are written in batches of this size (and at every epoch end / run end). */
const STEP_BATCH = 100;

/**
 * Persists a run's events through the repositories, in order, with two write chains per run: small rows
 * (step points, epoch metrics) and blobs (grids, checkpoints and their retention), so a checkpoint being
 * written never holds up the step points behind it. Writes of different runs proceed in parallel.
 * Every method returns a promise of the write (a failed write is logged here and rejects); callers that
 * only need the order may ignore it.
 */
export class RunRecorder {
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly stepBuffers = new Map<string, StepPoint[]>();

  private readonly blobWriter: BlobWriter;

  constructor(
    private readonly repos: Repositories,
    private readonly log: (msg: string, err?: unknown) => void = componentLog("run-recorder"),
    blobWriter?: BlobWriter,
    private readonly cache?: CheckpointCache,
    /** After a run's writes landed and its cache entries went (server/runtime/memoryRelease.ts: memory back to the system). */
    private readonly onRunReleased?: (runId: string) => void,
  ) {
    this.blobWriter = blobWriter ?? inProcessBlobWriter(repos);
  }

  private enqueue<T>(runId: string, lane: "rows" | "blobs", what: string, op: () => Promise<T>): Promise<T> {
    const key = `${lane}:${runId}`;
    const prev = this.chains.get(key) ?? Promise.resolve();
    const next = prev.then(op);
    const settled = next.then(
      () => undefined,
      (err: unknown) => this.log(`run ${runId}: could not persist ${what}:`, err),
    );
    this.chains.set(key, settled);
    void settled.then(() => {
      if (this.chains.get(key) === settled) this.chains.delete(key);
    });
    next.catch(() => {}); // logged above; callers that await it see the rejection
    return next;
  }

  addStep(runId: string, point: StepPoint): void {
    const buf = this.stepBuffers.get(runId) ?? [];
    buf.push(point);
    this.stepBuffers.set(runId, buf);
    if (buf.length >= STEP_BATCH) this.flushSteps(runId);
  }

  private flushSteps(runId: string): void {
    const buf = this.stepBuffers.get(runId);
    if (!buf || buf.length === 0) return;
    this.stepBuffers.delete(runId);
    void this.enqueue(runId, "rows", "step points", () => this.repos.metrics.addSteps(runId, buf));
  }

  addEpoch(runId: string, metrics: EpochMetrics): Promise<void> {
    this.flushSteps(runId);
    return this.enqueue(runId, "rows", `epoch ${metrics.epoch}`, async () => {
      await this.repos.metrics.addEpoch(runId, metrics);
      await this.repos.runs.update(runId, { lastEpoch: metrics.epoch });
    });
  }

  addGrids(runId: string, epoch: number, grids: SampleGrid[]): Promise<void> {
    const records = grids.map((g) => ({
      runId,
      epoch,
      kind: g.kind,
      rows: g.rows,
      cols: g.cols,
      rowLabels: g.rowLabels ?? null,
      pixels: g.pixels,
    }));
    return this.enqueue(runId, "blobs", `grids of epoch ${epoch}`, () => this.blobWriter.writeGrids(records));
  }

  /** A latent scatter (~18 KB): on the blobs lane, small enough for the repositories themselves. */
  addLatent(runId: string, scatter: LatentScatterData): Promise<void> {
    return this.enqueue(runId, "blobs", `latent scatter of epoch ${scatter.epoch}`, () =>
      this.repos.latent.add({ runId, ...scatter }),
    );
  }

  /** The finished run's evaluation; resolves with what was stored (its createdAt). */
  addEvaluation(
    runId: string,
    evaluation: Omit<RunEvaluationRecord, "runId" | "createdAt">,
  ): Promise<RunEvaluationRecord> {
    return this.enqueue(runId, "rows", `evaluation of epoch ${evaluation.epoch}`, () =>
      this.repos.evaluations.put({ runId, ...evaluation }),
    );
  }

  /**
   * Resolves with the stored checkpoint's summary (rejects when the write failed). Then thins the run's older
   * checkpoints (checkpointRetention.ts) in the same write chain; a failed prune is logged and changes nothing.
   */
  addCheckpoint(runId: string, epoch: number, artifacts: CheckpointArtifacts): Promise<CheckpointSummary> {
    const stored = this.enqueue(runId, "blobs", `checkpoint of epoch ${epoch}`, async () => {
      const summary = await this.blobWriter.write(runId, epoch, artifacts);
      this.cache?.put({ id: summary.id, runId, epoch: summary.epoch, createdAt: summary.createdAt, artifacts });
      return summary;
    });
    void this.enqueue(runId, "blobs", `retention after epoch ${epoch}`, async () => {
      const epochs = (await this.repos.checkpoints.list(runId)).map((c) => c.epoch);
      const deleted = await this.repos.checkpoints.deleteEpochs(runId, epochsToPrune(epochs));
      this.cache?.dropIds(deleted);
    });
    return stored;
  }

  /** Writes buffered step points and waits for every pending write of the run. */
  async flush(runId: string): Promise<void> {
    this.flushSteps(runId);
    await Promise.all([this.chains.get(`rows:${runId}`), this.chains.get(`blobs:${runId}`)]);
  }

  /** Writes buffered step points and waits for the run's row writes only (not grids or checkpoints). */
  async flushRows(runId: string): Promise<void> {
    this.flushSteps(runId);
    await this.chains.get(`rows:${runId}`);
  }

  async flushAll(): Promise<void> {
    for (const runId of [...this.stepBuffers.keys()]) this.flushSteps(runId);
    await Promise.all([...this.chains.values()]);
  }

  /** A run ended: its cached checkpoints leave memory (later downloads read them from the database). */
  release(runId: string): void {
    this.cache?.dropRuns([runId]);
    this.onRunReleased?.(runId);
  }

  /** Forgets buffered points and cached checkpoints of a deleted run (its rows are gone). */
  discard(runId: string): void {
    this.stepBuffers.delete(runId);
    this.cache?.dropRuns([runId]);
  }
}
