/**
 * Socket.IO viewers for the fan-out benchmarks (bench:fanout, bench:cluster), run in a forked process so their
 * decoding does not load the server's event loop. Each client joins one session and checks the contract on every
 * delta: seq exactly one more than the last (else a gap), never older than its snapshot. Progress latency is the
 * receipt time minus the delta's `sentAt` (stamped where the entry was made: the app server embedded, the trainer
 * distributed — the same machine's clock either way).
 */
import { fork, type ChildProcess } from "node:child_process";
import { performance } from "node:perf_hooks";
import { io as connect, type Socket } from "socket.io-client";
import { socketParser } from "../../app/client/socketParser";
import type { AckResponse, ClientToServerEvents, ServerToClientEvents } from "../../lib/contracts/socket";

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ClientPlan {
  /** App server each client connects to (client i uses bases[i % bases.length]). */
  bases: string[];
  /** Session each client watches (client i watches sessions[i % sessions.length]). */
  sessions: string[];
  clients: number;
}

export interface ClientReport {
  clients: number;
  joinMs: number[];
  latencies: number[];
  progressPerClient: number[];
  samplesBytes: number;
  otherDeltas: number;
  gaps: number;
  /**
   * Deltas older than the viewer's snapshot: a big event still being sent in slices when the viewer joined
   * (server/sockets/index.ts) reaches it after its snapshot, which already holds it; the seq rule drops them.
   */
  stale: number;
  /** Deltas repeated after the snapshot (must be 0). */
  duplicates: number;
  beforeAck: number;
  disconnects: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function mergeReports(reports: ClientReport[]): ClientReport {
  const sum = (f: (r: ClientReport) => number) => reports.reduce((a, r) => a + f(r), 0);
  return {
    clients: sum((r) => r.clients),
    joinMs: reports.flatMap((r) => r.joinMs),
    latencies: reports.flatMap((r) => r.latencies),
    progressPerClient: reports.flatMap((r) => r.progressPerClient),
    samplesBytes: sum((r) => r.samplesBytes),
    otherDeltas: sum((r) => r.otherDeltas),
    gaps: sum((r) => r.gaps),
    stale: sum((r) => r.stale),
    duplicates: sum((r) => r.duplicates),
    beforeAck: sum((r) => r.beforeAck),
    disconnects: sum((r) => r.disconnects),
  };
}

async function runClients(plan: ClientPlan): Promise<void> {
  const n = plan.clients;
  const sockets: Client[] = [];
  const report: ClientReport = {
    clients: n,
    joinMs: [],
    latencies: [],
    progressPerClient: [],
    samplesBytes: 0,
    otherDeltas: 0,
    gaps: 0,
    stale: 0,
    duplicates: 0,
    beforeAck: 0,
    disconnects: 0,
  };
  let measuring = false;
  const counts = new Array<number>(n).fill(0);
  // Joins in waves: thousands of simultaneous handshakes measure the kernel's accept queue, not the product.
  const WAVE = 200;
  for (let start = 0; start < n; start += WAVE) {
    await Promise.all(
      Array.from({ length: Math.min(WAVE, n - start) }, async (_, k) => {
        const i = start + k;
        const base = plan.bases[i % plan.bases.length]!;
        const sessionId = plan.sessions[i % plan.sessions.length]!;
        const s: Client = connect(base, {
          transports: ["websocket"],
          forceNew: true,
          reconnection: false,
          parser: socketParser,
        });
        sockets.push(s);
        let lastSeq = 0;
        let snapshotSeq = 0;
        let joinedYet = false;
        const seen = (seq: number) => {
          if (!joinedYet)
            report.beforeAck++; // must never happen: the ack precedes later deltas
          else if (seq <= snapshotSeq) report.stale++;
          else if (seq <= lastSeq) report.duplicates++;
          else if (seq !== lastSeq + 1) report.gaps++;
          lastSeq = Math.max(lastSeq, seq);
        };
        s.on("run:progress", (p) => {
          const now = Date.now();
          seen(p.seq);
          if (!measuring || p.sentAt === undefined) return;
          report.latencies.push(now - p.sentAt);
          counts[i]!++;
        });
        s.on("run:samples", (p) => {
          seen(p.seq);
          if (measuring) for (const g of p.grids) report.samplesBytes += (g.pixels as unknown as Buffer).byteLength;
        });
        for (const ev of ["run:epoch", "run:checkpoint", "run:status", "gallery:created", "gallery:deleted"] as const) {
          s.on(ev, (p: { seq: number }) => {
            seen(p.seq);
            if (measuring) report.otherDeltas++;
          });
        }
        s.on("disconnect", () => report.disconnects++);
        await new Promise<void>((resolve, reject) => {
          s.once("connect", () => resolve());
          s.once("connect_error", reject);
        });
        const t0 = performance.now();
        const res = await new Promise<AckResponse<"session:join">>((resolve) =>
          s.emit("session:join", { sessionId, protocol: 1 }, (r) => {
            // Apply the snapshot inside the ack callback: deltas may be handled in the same tick.
            if ("data" in r) {
              lastSeq = snapshotSeq = r.data.seq;
              joinedYet = true;
            }
            resolve(r);
          }),
        );
        if ("error" in res) throw new Error(`client ${i}: ${res.error.message}`);
        report.joinMs.push(performance.now() - t0);
      }),
    );
  }
  process.send!({ type: "joined" });
  process.on("message", (msg: { type: string }) => {
    if (msg.type === "measure") measuring = true;
    if (msg.type === "report") {
      measuring = false;
      report.progressPerClient = counts;
      process.send!({ type: "report", report: { ...report } }, () => {
        for (const s of sockets) s.disconnect();
        process.exit(0);
      });
    }
  });
}

/** The parent's handle on one forked client process. */
export interface ClientProcess {
  child: ChildProcess;
  joined: Promise<void>;
  measure(): void;
  report(): Promise<ClientReport>;
}

export function forkClients(plan: ClientPlan): ClientProcess {
  const child = fork(__filename, ["--clients", JSON.stringify(plan)], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const next = (type: string) =>
    new Promise<{ type: string; report?: ClientReport }>((resolve, reject) => {
      const onMsg = (m: { type: string; report?: ClientReport }) => {
        if (m.type !== type) return;
        child.off("message", onMsg);
        resolve(m);
      };
      child.on("message", onMsg);
      child.once("exit", (code) => code !== 0 && reject(new Error(`client process exited with ${code}`)));
    });
  const joined = next("joined").then(() => undefined);
  return {
    child,
    joined,
    measure: () => child.send({ type: "measure" }),
    async report() {
      const reply = next("report");
      child.send({ type: "report" });
      return (await reply).report!;
    },
  };
}

const at = process.argv.indexOf("--clients");
if (at >= 0 && process.send) {
  runClients(JSON.parse(process.argv[at + 1]!) as ClientPlan).catch((err: unknown) => {
    console.error("bench clients failed:", err);
    process.exit(1);
  });
}
