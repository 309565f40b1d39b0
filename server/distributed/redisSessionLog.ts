import type { Redis } from "ioredis";
import { z } from "zod";
import { GridMetaSchema, StepPointSchema } from "../../lib/contracts/session";
import type { Repositories } from "../repositories/types";
import { DeltaSchemas, type DeltaEvent, type WireGrid, type WireLatent } from "../../lib/contracts/socket";
import { gridToWire, latentToWire } from "../sessions/roomState";
import type { AppendFence, LogEntry, LogRecord, SessionLog } from "../sessions/sessionLog";
import { keys, type RedisFactory } from "./redis";
import { componentLog } from "../logging/logger";

/**
 * Appends atomically: checks the fence, takes the next seq (creating the counter from Redis's clock in
 * microseconds when it is missing, i.e. Redis lost it: seq stays increasing and the entry says "reset"), adds
 * the entry with stream id `<seq>-0` and refreshes the keys' expiry. Returns the seq, or -1 when fenced out.
 * KEYS: seq, stream, owner. ARGV: fence mode (none|owner|unowned), token, maxlen, stream ttl s, seq ttl s,
 * event, payload json, step json or "".
 */
const APPEND_LUA = `
local mode = ARGV[1]
if mode == "owner" then
  if redis.call("GET", KEYS[3]) ~= ARGV[2] then return -1 end
elseif mode == "unowned" then
  if redis.call("EXISTS", KEYS[3]) == 1 then return -1 end
end
local reset = false
if redis.call("EXISTS", KEYS[1]) == 0 then
  local t = redis.call("TIME")
  redis.call("SET", KEYS[1], t[1] .. string.format("%06d", tonumber(t[2])))
  reset = true
end
local seq = redis.call("INCR", KEYS[1])
local fields = {KEYS[2], "MAXLEN", "~", ARGV[3], string.format("%d", seq) .. "-0", "e", ARGV[6], "p", ARGV[7]}
if ARGV[8] ~= "" then
  fields[#fields + 1] = "s"
  fields[#fields + 1] = ARGV[8]
end
if reset then
  fields[#fields + 1] = "r"
  fields[#fields + 1] = "1"
end
redis.call("XADD", unpack(fields))
redis.call("EXPIRE", KEYS[2], ARGV[4])
redis.call("EXPIRE", KEYS[1], ARGV[5])
return seq
`;

type AppendCommand = (
  seqKey: string,
  streamKey: string,
  ownerKey: string,
  mode: string,
  token: string,
  maxLen: number,
  streamTtl: number,
  seqTtl: number,
  event: string,
  payload: string,
  step: string,
) => Promise<number>;

export interface RedisSessionLogOptions {
  /** Entries kept per session stream (approximate trimming). A room loads from the database, so only the tail matters. */
  maxLen?: number;
  /** Seconds a session's stream / counter live after its last entry. */
  streamTtlSeconds?: number;
  seqTtlSeconds?: number;
  /** How long one blocking read waits before it is re-issued. */
  blockMs?: number;
  logError?: (msg: string, err?: unknown) => void;
}

interface Subscription {
  sessionId: string;
  /** Seq of the last entry delivered. */
  cursor: number;
  onEntry: (entry: LogEntry) => void;
  onReset?: () => void;
}

/**
 * Sample grids and latent scatters travel by reference: the entry names them; readers take the pixels and points
 * from the database (the publisher appends such an entry only after the row is stored).
 */
const GridRefSchema = GridMetaSchema.pick({ runId: true, epoch: true, kind: true });
type GridRef = z.infer<typeof GridRefSchema>;
const GridRefsSchema = z.object({ grids: z.array(GridRefSchema) });
const LatentRefSchema = GridMetaSchema.pick({ runId: true, epoch: true });
type LatentRef = z.infer<typeof LatentRefSchema>;

const isDeltaEvent = (e: string): e is DeltaEvent => Object.hasOwn(DeltaSchemas, e);

/**
 * The session log of the distributed mode: one Redis stream per session, seq assigned by APPEND_LUA. Every app
 * server reads the streams of the sessions it has rooms for with one blocking XREAD loop.
 */
export class RedisSessionLog implements SessionLog {
  private readonly writer: Redis & { vaeAppend: AppendCommand };
  private readonly reader: Redis;
  private readonly subscriptions = new Set<Subscription>();
  private readonly wakeKey: string;
  private wakeId = "0-0";
  private closed = false;
  private readonly loop: Promise<void>;
  private readonly opts: Required<Omit<RedisSessionLogOptions, "logError">>;
  private readonly logError: (msg: string, err?: unknown) => void;

  constructor(
    redis: RedisFactory,
    private readonly repos: Repositories,
    consumerId: string,
    options: RedisSessionLogOptions = {},
  ) {
    this.opts = {
      maxLen: options.maxLen ?? 2000,
      streamTtlSeconds: options.streamTtlSeconds ?? 24 * 3600,
      seqTtlSeconds: options.seqTtlSeconds ?? 30 * 24 * 3600,
      blockMs: options.blockMs ?? 5000,
    };
    this.logError = options.logError ?? componentLog("session-log");
    const writer = redis.connect(`log-writer:${consumerId}`);
    writer.defineCommand("vaeAppend", { numberOfKeys: 3, lua: APPEND_LUA });
    this.writer = writer as Redis & { vaeAppend: AppendCommand };
    this.reader = redis.connect(`log-reader:${consumerId}`);
    this.wakeKey = keys.wake(consumerId);
    this.loop = this.readLoop();
  }

  async open(sessionId: string): Promise<void> {
    await this.writer.set(keys.seq(sessionId), "0", "EX", this.opts.seqTtlSeconds, "NX");
  }

  async append(sessionId: string, record: LogRecord, fence?: AppendFence): Promise<number | null> {
    const mode = !fence ? "none" : "token" in fence ? "owner" : "unowned";
    const seq = await this.writer.vaeAppend(
      keys.seq(sessionId),
      keys.stream(sessionId),
      fence ? keys.owner(fence.runId) : keys.owner("-"),
      mode,
      fence && "token" in fence ? fence.token : "",
      this.opts.maxLen,
      this.opts.streamTtlSeconds,
      this.opts.seqTtlSeconds,
      record.event,
      JSON.stringify(streamPayload(record)),
      record.step ? JSON.stringify(record.step) : "",
    );
    return seq < 0 ? null : seq;
  }

  async head(sessionId: string): Promise<number> {
    return Number((await this.writer.get(keys.seq(sessionId))) ?? 0);
  }

  subscribe(sessionId: string, afterSeq: number, onEntry: (entry: LogEntry) => void, onReset?: () => void): () => void {
    const sub: Subscription = { sessionId, cursor: afterSeq, onEntry, ...(onReset ? { onReset } : {}) };
    this.subscriptions.add(sub);
    this.wake();
    return () => {
      this.subscriptions.delete(sub);
    };
  }

  async drop(sessionId: string): Promise<void> {
    await this.writer.del(keys.seq(sessionId), keys.stream(sessionId));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.subscriptions.clear();
    this.wake();
    await this.loop;
  }

  private wake(): void {
    void this.writer
      .multi()
      .xadd(this.wakeKey, "MAXLEN", "~", "10", "*", "w", "1")
      .expire(this.wakeKey, 3600)
      .exec()
      .catch(() => {}); // Redis down: the read loop is retrying anyway
  }

  private async readLoop(): Promise<void> {
    while (!this.closed) {
      const cursors = new Map<string, number>();
      for (const s of this.subscriptions)
        cursors.set(s.sessionId, Math.min(s.cursor, cursors.get(s.sessionId) ?? Infinity));
      const sessions = [...cursors.keys()];
      try {
        const res = await this.reader.xread(
          "COUNT",
          200,
          "BLOCK",
          this.opts.blockMs,
          "STREAMS",
          ...sessions.map(keys.stream),
          this.wakeKey,
          ...sessions.map((s) => `${cursors.get(s)}-0`),
          this.wakeId,
        );
        for (const [key, entries] of res ?? []) {
          if (key === this.wakeKey) {
            this.wakeId = entries.at(-1)?.[0] ?? this.wakeId;
            continue;
          }
          const sessionId = sessions[sessions.map(keys.stream).indexOf(key)];
          if (sessionId !== undefined) await this.deliver(sessionId, entries);
        }
      } catch (err) {
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- close() may have run during the await above
        if (this.closed) break;
        this.logError("session log: read failed (retrying)", err);
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }

  private async deliver(sessionId: string, raw: [string, string[]][]): Promise<void> {
    for (const [id, fields] of raw) {
      const seq = Number(id.split("-")[0]);
      const f = new Map<string, string>();
      for (let i = 0; i + 1 < fields.length; i += 2) f.set(fields[i]!, fields[i + 1]!);
      let entry: LogEntry | null = null;
      for (const sub of [...this.subscriptions]) {
        if (sub.sessionId !== sessionId || seq <= sub.cursor) continue;
        if (f.get("r") === "1" || seq !== sub.cursor + 1) {
          // Redis lost the session's counter, or entries this reader never saw were trimmed: it cannot catch up.
          this.subscriptions.delete(sub);
          sub.onReset?.();
          continue;
        }
        entry ??= await this.decode(seq, f);
        sub.cursor = seq;
        if (entry) sub.onEntry(entry);
      }
    }
  }

  /**
   * An entry read back from Redis, checked against its delta's contract like anything else from outside the process
   * (another version of the code may have written it during a rolling deploy). Unreadable: logged, skipped.
   */
  private async decode(seq: number, f: Map<string, string>): Promise<LogEntry | null> {
    try {
      const event = f.get("e") ?? "";
      if (!isDeltaEvent(event)) throw new Error(`unknown event "${event}"`);
      let payload: unknown = JSON.parse(f.get("p") ?? "{}");
      if (event === "run:samples") payload = { grids: await this.gridsOf(GridRefsSchema.parse(payload).grids) };
      if (event === "run:latent") {
        const ref = LatentRefSchema.parse(payload);
        const stored = await this.repos.latent.byEpoch(ref.runId, ref.epoch);
        if (!stored) throw new Error(`latent scatter of run ${ref.runId} epoch ${ref.epoch} is not in the database`);
        payload = latentToWire(ref.runId, stored);
      }
      const checked = DeltaSchemas[event].safeParse({ ...(payload as object), seq });
      if (!checked.success) throw new Error(`${event} does not match its contract: ${z.prettifyError(checked.error)}`);
      const { seq: _seq, ...delta } = checked.data;
      const step = f.get("s");
      // Checked above; TypeScript cannot pair an event with its own payload across the union of events.
      const entry = { seq, event, payload: delta, ...(step ? { step: StepPointSchema.parse(JSON.parse(step)) } : {}) };
      return entry as LogEntry;
    } catch (err) {
      this.logError(`session log: unreadable entry ${seq}`, err);
      return null;
    }
  }

  private async gridsOf(refs: GridRef[]): Promise<WireGrid[]> {
    const out: WireGrid[] = [];
    const byRunEpoch = new Map<string, GridRef[]>();
    for (const r of refs)
      byRunEpoch.set(`${r.runId}/${r.epoch}`, [...(byRunEpoch.get(`${r.runId}/${r.epoch}`) ?? []), r]);
    for (const group of byRunEpoch.values()) {
      const { runId, epoch } = group[0]!;
      const stored = await this.repos.grids.byEpoch(runId, epoch);
      for (const ref of group) {
        const g = stored.find((s) => s.kind === ref.kind);
        if (g) out.push(gridToWire(runId, epoch, g));
      }
    }
    return out;
  }
}

function gridRef(g: WireGrid): GridRef {
  return { runId: g.runId, epoch: g.epoch, kind: g.kind };
}

function latentRef(l: WireLatent): LatentRef {
  return { runId: l.runId, epoch: l.epoch };
}

/** What the stream holds of an entry's payload: binary payloads by reference, the rest as it is. */
function streamPayload(record: LogRecord): unknown {
  if (record.event === "run:samples") return { grids: record.payload.grids.map(gridRef) };
  if (record.event === "run:latent") return latentRef(record.payload);
  return record.payload;
}
