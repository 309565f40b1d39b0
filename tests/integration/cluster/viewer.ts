import assert from "node:assert/strict";
import { io } from "socket.io-client";
import { SessionPortal } from "../../../app/client/sessionPortal";
import { socketParser } from "../../../app/client/socketParser";
import {
  initialSessionState,
  sessionReducer,
  type SessionAction,
  type SessionState,
} from "../../../app/client/sessionState";

/**
 * A viewer made of the browser's own code: a Socket.IO client, the page's SessionPortal (joins on every connect,
 * re-joins after the server went away) and its reducer. It also checks the contract on every delta it applies:
 * while live, each delta's seq is exactly one more than the last (no gap, no duplicate).
 */
export class Viewer {
  /** Every viewer not yet closed: a test that fails before its close() must not leave a socket reconnecting forever. */
  private static readonly open = new Set<Viewer>();

  /** Closes every viewer still open (in an `after` hook). */
  static closeAll(): void {
    for (const v of Viewer.open) v.close();
  }

  state: SessionState = initialSessionState;
  /** Deltas whose seq skipped ahead (a gap) or repeated (a duplicate) while live. */
  gaps: string[] = [];
  duplicates: string[] = [];
  snapshots = 0;
  readonly statuses: string[] = [];
  readonly epochsSeen: number[] = [];
  private readonly portal: SessionPortal;
  readonly socket;

  constructor(url: string, sessionId: string, ownerToken?: string) {
    this.socket = io(url, {
      autoConnect: false,
      forceNew: true,
      transports: ["websocket"],
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
      parser: socketParser,
    });
    this.portal = new SessionPortal({
      sessionId,
      socket: this.socket,
      dispatch: (a) => this.dispatch(a),
      serverDisconnectRetryMs: 200,
      ...(ownerToken ? { ownerToken } : {}),
    });
    this.portal.open();
    Viewer.open.add(this);
  }

  private dispatch(action: SessionAction): void {
    if (action.type === "delta" && this.state.connection === "live") {
      const expected = this.state.seq + 1;
      const d = action.delta;
      if (d.seq > expected) this.gaps.push(`${d.type} seq ${d.seq} after ${this.state.seq}`);
      if (d.seq < expected) this.duplicates.push(`${d.type} seq ${d.seq} after ${this.state.seq}`);
      if (d.type === "status") this.statuses.push(d.run.status);
      if (d.type === "epoch") this.epochsSeen.push(d.metrics.epoch);
    }
    if (action.type === "snapshot") this.snapshots += 1;
    this.state = sessionReducer(this.state, action);
  }

  control(action: "pause" | "resume" | "stop" | "start", runId?: string) {
    return this.portal.control(action, runId);
  }

  run(index = 0) {
    const id = this.state.runOrder[index];
    return id ? this.state.runs[id] : undefined;
  }

  close(): void {
    Viewer.open.delete(this);
    this.portal.close();
  }
}

/** What of a session's state must be the same for every viewer, however and wherever it joined. */
export function comparable(state: SessionState) {
  return state.runOrder.map((id) => {
    const r = state.runs[id]!;
    return {
      id,
      status: r.view.status,
      error: r.view.error ?? null,
      epochs: r.epochs.map((e) => [e.epoch, e.testNegElbo]),
      // Older checkpoints are thinned by retention without a delta: the newest is what every viewer must agree on.
      latestCheckpoint:
        r.checkpoints
          .map((c) => c.epoch)
          .sort((a, b) => a - b)
          .at(-1) ?? null,
      gridEpochs: r.gridEpochs,
      grids: Object.values(r.grids)
        .map(
          (g) =>
            `${g.kind}@${g.epoch}:${Buffer.from(g.pixels).toString("base64").length}:${g.pixels.reduce((a, b) => a + b, 0)}`,
        )
        .sort(),
      // Latent scatters travel by reference through Redis and are loaded from PostgreSQL: the bytes must match.
      latentEpochs: r.latentEpochs,
      latent: r.latent.map(
        (l) =>
          `${l.epoch}:${l.count}:${Buffer.from(l.points.buffer, l.points.byteOffset, l.points.byteLength).toString("base64")}:${Buffer.from(l.labels).toString("base64")}`,
      ),
      evaluation: r.evaluation ? { ...r.evaluation.row, seconds: r.evaluation.seconds } : null,
    };
  });
}

/**
 * A viewer that watched live ends with what a late joiner's snapshot holds: the same runs, statuses, epochs,
 * grids, latent scatters, evaluation and newest checkpoint; every step point and checkpoint the snapshot keeps was seen live.
 */
export function assertSameHistory(live: Viewer, late: Viewer, what: string): void {
  assert.deepEqual(comparable(live.state), comparable(late.state), what);
  for (const id of late.state.runOrder) {
    const seen = live.state.runs[id]!;
    const kept = late.state.runs[id]!;
    const steps = new Set(seen.steps.map((s) => s.globalStep));
    const unseen = kept.steps.filter((s) => !steps.has(s.globalStep)).map((s) => `${s.globalStep} (epoch ${s.epoch})`);
    assert.deepEqual(unseen, [], `${what}: the snapshot's step points were all seen live`);
    const checkpoints = new Set(seen.checkpoints.map((c) => c.id));
    assert.ok(
      kept.checkpoints.every((c) => checkpoints.has(c.id)),
      `${what}: the snapshot's checkpoints were all seen live`,
    );
  }
}
