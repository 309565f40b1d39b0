import type { CheckpointArtifacts, EpochMetrics } from "../../lib/contracts/training";
import type { StepPoint } from "../../lib/contracts/session";
import { newId } from "./ids";
import type {
  CheckpointRecord,
  CheckpointSummary,
  GalleryItemRecord,
  GridRecord,
  LatentScatterRecord,
  Repositories,
  RunEvaluationRecord,
  RunPatch,
  RunRecord,
  SessionRecord,
} from "./types";

/**
 * In-memory Repositories for unit tests of domain code. Behaves like the Prisma implementation
 * (same contract suite: tests/unit/server/repositories/contract.ts): returns copies, never the
 * stored objects; rejects rows whose parent is missing; cascades deletes from sessions.
 */
export function createMemoryRepositories(): Repositories {
  const sessions = new Map<string, SessionRecord>();
  const runs = new Map<string, RunRecord>();
  const epochs = new Map<string, Map<number, EpochMetrics>>();
  const steps = new Map<string, Map<number, StepPoint>>();
  const grids = new Map<string, Map<string, GridRecord>>(); // key `${epoch}/${kind}`
  const latent = new Map<string, Map<number, LatentScatterRecord>>();
  const evaluations = new Map<string, RunEvaluationRecord>();
  const checkpoints = new Map<string, CheckpointRecord>();
  const gallery = new Map<string, GalleryItemRecord>();

  const requireRun = (runId: string) => {
    if (!runs.has(runId)) throw new Error(`run ${runId} not found`);
  };
  const requireSession = (sessionId: string) => {
    if (!sessions.has(sessionId)) throw new Error(`session ${sessionId} not found`);
  };
  const bucket = <K, V>(map: Map<string, Map<K, V>>, id: string) => {
    let b = map.get(id);
    if (!b) map.set(id, (b = new Map<K, V>()));
    return b;
  };
  const summary = (c: CheckpointRecord): CheckpointSummary => ({
    id: c.id,
    runId: c.runId,
    epoch: c.epoch,
    createdAt: new Date(c.createdAt),
    decoderBytes: c.artifacts.decoder.weightData.byteLength,
  });
  const deleteRun = (runId: string) => {
    runs.delete(runId);
    epochs.delete(runId);
    steps.delete(runId);
    grids.delete(runId);
    latent.delete(runId);
    evaluations.delete(runId);
    for (const c of [...checkpoints.values()].filter((c) => c.runId === runId)) {
      checkpoints.delete(c.id);
      for (const g of gallery.values()) if (g.checkpointId === c.id) g.checkpointId = null;
    }
  };
  const applyPatch = (r: RunRecord, patch: RunPatch) => {
    for (const [k, v] of Object.entries<unknown>(patch))
      if (v !== undefined) Object.assign(r, { [k]: v instanceof Date ? new Date(v) : v });
  };
  /** A session's runs in index order (the stored records: copy before handing out). */
  const runsOf = (sessionId: string) =>
    [...runs.values()].filter((r) => r.sessionId === sessionId).sort((a, b) => a.index - b.index);
  const byNewest = <T extends { createdAt: Date; id: string }>(a: T, b: T) =>
    b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

  return {
    sessions: {
      async create(input) {
        const s: SessionRecord = { id: newId(), ...input, createdAt: new Date() };
        sessions.set(s.id, s);
        return copySession(s);
      },
      async get(id) {
        const s = sessions.get(id);
        return s ? copySession(s) : null;
      },
      async listRecent(limit) {
        return [...sessions.values()].sort(byNewest).slice(0, Math.max(0, limit)).map(copySession);
      },
      async delete(id) {
        sessions.delete(id);
        for (const r of [...runs.values()]) if (r.sessionId === id) deleteRun(r.id);
        for (const g of [...gallery.values()]) if (g.sessionId === id) gallery.delete(g.id);
      },
    },
    runs: {
      async create(input) {
        requireSession(input.sessionId);
        if ([...runs.values()].some((r) => r.sessionId === input.sessionId && r.index === input.index)) {
          throw new Error(`run index ${input.index} already exists in session ${input.sessionId}`);
        }
        const r: RunRecord = {
          id: newId(),
          ...input,
          config: structuredClone(input.config),
          backend: null,
          error: null,
          lastEpoch: 0,
          createdAt: new Date(),
          startedAt: null,
          finishedAt: null,
          queuedAt: input.queuedAt ? new Date(input.queuedAt) : null,
          clientHash: input.clientHash ?? null,
        };
        runs.set(r.id, r);
        return copyRun(r);
      },
      async get(id) {
        const r = runs.get(id);
        return r ? copyRun(r) : null;
      },
      async listBySession(sessionId) {
        return runsOf(sessionId).map(copyRun);
      },
      async listByStatus(statuses) {
        return [...runs.values()]
          .filter((r) => statuses.includes(r.status))
          .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1))
          .map(copyRun);
      },
      async listByClient(clientHash, statuses) {
        return [...runs.values()]
          .filter((r) => r.clientHash === clientHash && statuses.includes(r.status))
          .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1))
          .map(copyRun);
      },
      async update(id, patch) {
        const r = runs.get(id);
        if (!r) throw new Error(`run ${id} not found`);
        applyPatch(r, patch);
        return copyRun(r);
      },
      async updateIfStatus(id, expected, patch) {
        const r = runs.get(id);
        if (!r || !expected.includes(r.status)) return null;
        applyPatch(r, patch);
        return copyRun(r);
      },
    },
    metrics: {
      async addEpoch(runId, m) {
        requireRun(runId);
        bucket(epochs, runId).set(m.epoch, { ...m });
      },
      async listEpochs(runId) {
        return [...(epochs.get(runId)?.values() ?? [])].sort((a, b) => a.epoch - b.epoch).map((m) => ({ ...m }));
      },
      async addSteps(runId, points) {
        if (points.length === 0) return;
        requireRun(runId);
        const b = bucket(steps, runId);
        for (const p of points) b.set(p.globalStep, { ...p });
      },
      async listSteps(runId) {
        return [...(steps.get(runId)?.values() ?? [])]
          .sort((a, b) => a.globalStep - b.globalStep)
          .map((p) => ({ ...p }));
      },
    },
    grids: {
      async add(list) {
        for (const g of list) requireRun(g.runId); // all or nothing, like the database transaction
        for (const g of list) bucket(grids, g.runId).set(`${g.epoch}/${g.kind}`, copyGrid(g));
      },
      async latest(runId) {
        const all = [...(grids.get(runId)?.values() ?? [])];
        const last = Math.max(-Infinity, ...all.map((g) => g.epoch));
        return all
          .filter((g) => g.epoch === last)
          .sort(byKind)
          .map(copyGrid);
      },
      async byEpoch(runId, epoch) {
        return [...(grids.get(runId)?.values() ?? [])]
          .filter((g) => g.epoch === epoch)
          .sort(byKind)
          .map(copyGrid);
      },
      async epochs(runId) {
        return [...new Set([...(grids.get(runId)?.values() ?? [])].map((g) => g.epoch))].sort((a, b) => a - b);
      },
    },
    latent: {
      async add(record) {
        requireRun(record.runId);
        bucket(latent, record.runId).set(record.epoch, copyLatent(record));
      },
      async byEpoch(runId, epoch) {
        const r = latent.get(runId)?.get(epoch);
        return r ? copyLatent(r) : null;
      },
      async recent(runId, limit) {
        if (limit <= 0) return [];
        return [...(latent.get(runId)?.values() ?? [])]
          .sort((a, b) => a.epoch - b.epoch)
          .slice(-limit)
          .map(copyLatent);
      },
      async epochs(runId) {
        return [...(latent.get(runId)?.keys() ?? [])].sort((a, b) => a - b);
      },
    },
    evaluations: {
      async put(input) {
        requireRun(input.runId);
        const e: RunEvaluationRecord = { ...structuredClone(input), createdAt: new Date() };
        evaluations.set(e.runId, e);
        return structuredClone(e);
      },
      async get(runId) {
        const e = evaluations.get(runId);
        return e ? structuredClone(e) : null;
      },
      async listBySession(sessionId) {
        return runsOf(sessionId).flatMap((r) => {
          const e = evaluations.get(r.id);
          return e ? [structuredClone(e)] : [];
        });
      },
    },
    checkpoints: {
      async add(runId, epoch, artifacts) {
        requireRun(runId);
        // One checkpoint per (run, epoch): a re-export of the same epoch replaces the artifacts, keeps the id.
        const existing = [...checkpoints.values()].find((c) => c.runId === runId && c.epoch === epoch);
        const c: CheckpointRecord = {
          id: existing?.id ?? newId(),
          runId,
          epoch,
          createdAt: new Date(),
          artifacts: copyArtifacts(artifacts),
        };
        checkpoints.set(c.id, c);
        if (artifacts.optimizer) {
          // Only the newest checkpoint's Adam state can be resumed from: older ones give theirs up.
          for (const old of checkpoints.values())
            if (old.runId === runId && old.epoch < epoch) delete old.artifacts.optimizer;
        }
        return summary(c);
      },
      async get(id) {
        const c = checkpoints.get(id);
        return c ? copyCheckpoint(c) : null;
      },
      async sessionOf(id) {
        const c = checkpoints.get(id);
        return c ? (runs.get(c.runId)?.sessionId ?? null) : null;
      },
      async latest(runId) {
        const list = [...checkpoints.values()].filter((c) => c.runId === runId).sort((a, b) => b.epoch - a.epoch);
        return list[0] ? copyCheckpoint(list[0]) : null;
      },
      async list(runId) {
        return [...checkpoints.values()]
          .filter((c) => c.runId === runId)
          .sort((a, b) => a.epoch - b.epoch)
          .map(summary);
      },
      async deleteEpochs(runId, epochs) {
        const referenced = new Set([...gallery.values()].map((g) => g.checkpointId));
        const doomed = [...checkpoints.values()].filter(
          (c) => c.runId === runId && epochs.includes(c.epoch) && !referenced.has(c.id),
        );
        for (const c of doomed) checkpoints.delete(c.id);
        return doomed.map((c) => c.id);
      },
    },
    gallery: {
      async create(input) {
        requireSession(input.sessionId);
        if (input.checkpointId !== null && !checkpoints.has(input.checkpointId)) {
          throw new Error(`checkpoint ${input.checkpointId} not found`);
        }
        const g: GalleryItemRecord = { ...copyGallery({ ...input, id: "", createdAt: new Date() }), id: newId() };
        gallery.set(g.id, g);
        return copyGallery(g);
      },
      async get(id) {
        const g = gallery.get(id);
        return g ? copyGallery(g) : null;
      },
      async list({ sessionId, before, limit }) {
        return [...gallery.values()]
          .filter(
            (g) => (sessionId === undefined || g.sessionId === sessionId) && (before === undefined || g.id < before),
          )
          .sort((a, b) => (a.id < b.id ? 1 : -1))
          .slice(0, Math.max(0, limit))
          .map(copyGallery);
      },
      async sessions(limit) {
        const bySession = new Map<string, { items: number; latestItemId: string }>();
        for (const g of gallery.values()) {
          const s = bySession.get(g.sessionId) ?? { items: 0, latestItemId: g.id };
          bySession.set(g.sessionId, {
            items: s.items + 1,
            latestItemId: g.id > s.latestItemId ? g.id : s.latestItemId,
          });
        }
        return [...bySession.entries()]
          .map(([sessionId, s]) => ({ sessionId, title: sessions.get(sessionId)?.title ?? "", ...s }))
          .sort((a, b) => (a.latestItemId < b.latestItemId ? 1 : -1))
          .slice(0, Math.max(0, limit));
      },
      async delete(id) {
        gallery.delete(id);
      },
    },
    async close() {},
  };
}

const byKind = (a: GridRecord, b: GridRecord) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0);

const copySession = (s: SessionRecord): SessionRecord => ({ ...s, createdAt: new Date(s.createdAt) });

function copyRun(r: RunRecord): RunRecord {
  return {
    ...r,
    config: structuredClone(r.config),
    createdAt: new Date(r.createdAt),
    startedAt: r.startedAt ? new Date(r.startedAt) : null,
    finishedAt: r.finishedAt ? new Date(r.finishedAt) : null,
    queuedAt: r.queuedAt ? new Date(r.queuedAt) : null,
  };
}

const copyLatent = (r: LatentScatterRecord): LatentScatterRecord => ({
  ...r,
  projection: structuredClone(r.projection),
  points: new Float32Array(r.points),
  labels: new Uint8Array(r.labels),
});

const copyGrid = (g: GridRecord): GridRecord => ({
  ...g,
  rowLabels: g.rowLabels ? [...g.rowLabels] : null,
  pixels: new Uint8Array(g.pixels),
});

function copyArtifacts(a: CheckpointArtifacts): CheckpointArtifacts {
  return {
    meta: structuredClone(a.meta),
    encoder: { modelJson: structuredClone(a.encoder.modelJson), weightData: a.encoder.weightData.slice(0) },
    decoder: { modelJson: structuredClone(a.decoder.modelJson), weightData: a.decoder.weightData.slice(0) },
    ...(a.optimizer ? { optimizer: { step: a.optimizer.step, moments: a.optimizer.moments.slice(0) } } : {}),
  };
}

const copyCheckpoint = (c: CheckpointRecord): CheckpointRecord => ({
  ...c,
  createdAt: new Date(c.createdAt),
  artifacts: copyArtifacts(c.artifacts),
});

const copyGallery = (g: GalleryItemRecord): GalleryItemRecord => ({
  ...g,
  png: new Uint8Array(g.png),
  meta: structuredClone(g.meta),
  createdAt: new Date(g.createdAt),
});
