import { ZodError } from "zod";
import type { ControlAction, CreateSessionBody, RunView, SessionView } from "../../lib/contracts/session";
import { DEFAULT_RUN_LIMITS, runLimitViolations } from "../../lib/budget/limits";
import { normaliseTitle, TITLE_MAX } from "../../lib/contracts/title";
import { resolveConfig, type TrainConfig } from "../../lib/model/config";
import { PRESETS } from "../../lib/model/presets";
import { generateOwnerToken, hashOwnerToken, verifyOwnerToken } from "../auth/ownerToken";
import type { Repositories, RunRecord, SessionRecord } from "../repositories/types";
import type { RunQueue } from "../scheduler/types";
import { AppError, runNotFound, sessionNotFound, zodMessage } from "../errors";
import type { LiveRooms } from "./liveRooms";
import { isQueuedOrActive, RunBudget } from "./runBudget";
import type { RunRecorder } from "./runRecorder";
import { toRunView, toSessionView } from "./views";

export interface SessionServiceDeps {
  repos: Repositories;
  scheduler: RunQueue;
  rooms: LiveRooms;
  recorder: RunRecorder;
  /** What one visitor may spend (default: lib/budget/limits.ts's defaults). */
  budget?: RunBudget;
}

/** Who asks: the hash of the client's address (server/http/clientHash.ts), null when unknown (tests, CLI). */
export interface Requester {
  clientHash: string | null;
}

const ANONYMOUS: Requester = { clientHash: null };

/**
 * Called once the request passed every check of the use case, just before anything is created: the HTTP route's
 * rate limit goes here, so a refused request (bad config, over a budget) does not use up the client's allowance.
 */
export type Admit = () => Promise<void>;

export interface CreatedSession {
  session: SessionRecord;
  runs: RunRecord[];
  /** Shown once to the creator; only its hash is stored. */
  ownerToken: string;
}

/** Statuses an action applies to when the owner does not name a run. */
const APPLIES_TO: Record<Exclude<ControlAction, "delete">, RunRecord["status"][]> = {
  start: ["queued"],
  pause: ["training"],
  resume: ["paused"],
  stop: ["queued", "training", "paused"],
};

/**
 * Session use cases shared by the HTTP routes and the socket handlers: create, fork, view, owner
 * checks and owner commands. Knows nothing about HTTP or Socket.IO.
 */
export class SessionService {
  readonly budget: RunBudget;

  constructor(private readonly deps: SessionServiceDeps) {
    this.budget = deps.budget ?? new RunBudget(deps.repos, DEFAULT_RUN_LIMITS);
  }

  async create(body: CreateSessionBody, requester: Requester = ANONYMOUS, admit?: Admit): Promise<CreatedSession> {
    const configs = body.runs.map((r, i) => {
      try {
        // The session's dataset applies to every run; the rest comes from the preset and overrides.
        return resolveConfig(r.preset, { ...r.overrides, dataset: body.dataset });
      } catch (err) {
        if (err instanceof ZodError) throw new AppError("bad_request", `runs.${i}.overrides: ${zodMessage(err)}`);
        throw err;
      }
    });
    const title = body.title ?? body.runs.map((r) => PRESETS[r.preset].label).join(" vs ");
    return this.createWithConfigs(title, body.dataset, configs, body.autostart, requester, admit);
  }

  /** A new session with the same run configurations, owned by whoever forks it. */
  async fork(
    sessionId: string,
    opts: { title?: string; autostart: boolean },
    requester: Requester = ANONYMOUS,
    admit?: Admit,
  ): Promise<CreatedSession> {
    const source = await this.deps.repos.sessions.get(sessionId);
    if (!source) throw sessionNotFound();
    const runs = (await this.deps.repos.runs.listBySession(sessionId)).sort((a, b) => a.index - b.index);
    const title = opts.title ?? normaliseTitle(`Fork of ${source.title}`).slice(0, TITLE_MAX);
    return this.createWithConfigs(
      title,
      source.dataset,
      runs.map((r) => r.config),
      opts.autostart,
      requester,
      admit,
    );
  }

  /**
   * Checks the budgets (per run always; per client when the runs enter the queue now), then creates. The client's
   * checks and its runs' queueing happen without another request of the same client in between.
   */
  private async createWithConfigs(
    title: string,
    dataset: SessionRecord["dataset"],
    configs: TrainConfig[],
    autostart: boolean,
    requester: Requester,
    admit?: Admit,
  ): Promise<CreatedSession> {
    const { repos, scheduler } = this.deps;
    this.budget.checkConfigs(configs);
    return this.budget.serialise(requester.clientHash, async () => {
      if (autostart) await this.budget.checkClient(requester.clientHash, configs.length);
      await admit?.();
      const ownerToken = generateOwnerToken();
      const session = await repos.sessions.create({ title, dataset, ownerTokenHash: hashOwnerToken(ownerToken) });
      await this.deps.rooms.openSession(session.id);
      const runs: RunRecord[] = [];
      for (const [index, config] of configs.entries()) {
        runs.push(
          await repos.runs.create({
            sessionId: session.id,
            index,
            preset: config.preset,
            config,
            status: "queued",
            clientHash: requester.clientHash,
          }),
        );
      }
      if (autostart) for (const run of runs) await scheduler.start(run.id);
      return { session, runs, ownerToken };
    });
  }

  /**
   * `start` puts runs back in the queue: the per-run limits (the operator may have lowered them since the run was
   * created) and the per-client limit of whoever asked for the run apply again. Runs already waiting or training
   * are not counted twice.
   */
  private async startRuns(targets: RunRecord[]): Promise<void> {
    const entering = targets.filter((r) => !isQueuedOrActive(r));
    for (const run of entering) {
      const [violation] = runLimitViolations(run.config, this.budget.limits);
      if (violation)
        throw new AppError("conflict", `run ${run.index + 1} is over this server's limits now: ${violation}`);
    }
    const byClient = new Map<string | null, RunRecord[]>();
    for (const run of targets) byClient.set(run.clientHash, [...(byClient.get(run.clientHash) ?? []), run]);
    for (const [clientHash, runs] of byClient) {
      await this.budget.serialise(clientHash, async () => {
        await this.budget.checkClient(clientHash, runs.filter((r) => !isQueuedOrActive(r)).length);
        for (const run of runs) await this.deps.scheduler.start(run.id);
      });
    }
  }

  async view(sessionId: string): Promise<SessionView> {
    const session = await this.deps.repos.sessions.get(sessionId);
    if (!session) throw sessionNotFound();
    const runs = await this.deps.repos.runs.listBySession(sessionId);
    await this.deps.scheduler.refreshPositions();
    return toSessionView(session, runs, (id) => this.deps.scheduler.queuePosition(id));
  }

  async listRecent(limit: number): Promise<SessionView[]> {
    const sessions = await this.deps.repos.sessions.listRecent(limit);
    await this.deps.scheduler.refreshPositions();
    return Promise.all(
      sessions.map(async (s) =>
        toSessionView(s, await this.deps.repos.runs.listBySession(s.id), (id) => this.deps.scheduler.queuePosition(id)),
      ),
    );
  }

  async isOwner(sessionId: string, token: string | null | undefined): Promise<boolean> {
    const session = await this.deps.repos.sessions.get(sessionId);
    if (!session) throw sessionNotFound();
    return verifyOwnerToken(token, session.ownerTokenHash);
  }

  /** A control link's token checked before the owner cookie is set: 404 for no such session, 403 for another's token. */
  async claim(sessionId: string, token: string): Promise<void> {
    if (!(await this.isOwner(sessionId, token)))
      throw new AppError("forbidden", "this owner link is not valid for this session");
  }

  /** Throws 404 / 401 (no token) / 403 (wrong token). */
  async requireOwner(sessionId: string, token: string | null | undefined): Promise<SessionRecord> {
    const session = await this.deps.repos.sessions.get(sessionId);
    if (!session) throw sessionNotFound();
    if (!token) throw new AppError("unauthorized", "owner token required: only the session's owner can do this");
    if (!verifyOwnerToken(token, session.ownerTokenHash)) {
      throw new AppError("forbidden", "not the owner of this session: watch or fork it instead");
    }
    return session;
  }

  /**
   * An owner command. Without `runId` it applies to every run it makes sense for (pause: training
   * runs, ...). Returns the session's runs afterwards ([] after delete).
   */
  async control(
    sessionId: string,
    token: string | null | undefined,
    action: ControlAction,
    runId?: string,
  ): Promise<RunView[]> {
    await this.requireOwner(sessionId, token);
    const { repos, scheduler } = this.deps;
    const runs = await repos.runs.listBySession(sessionId);
    if (action === "delete") {
      await this.delete(sessionId, runs);
      return [];
    }
    let targets: RunRecord[];
    if (runId) {
      const run = runs.find((r) => r.id === runId);
      if (!run) throw runNotFound();
      targets = [run];
    } else {
      // "start" without a run: the queued runs that never entered the queue (created without autostart).
      targets = runs.filter(
        (r) => APPLIES_TO[action].includes(r.status) && !(action === "start" && r.queuedAt !== null),
      );
      if (targets.length === 0) throw new AppError("conflict", `no run of this session can ${action} now`);
    }
    if (action === "start") await this.startRuns(targets);
    else for (const run of targets) await scheduler[action](run.id);
    await scheduler.refreshPositions();
    const after = await repos.runs.listBySession(sessionId);
    return after.sort((a, b) => a.index - b.index).map((r) => toRunView(r, scheduler.queuePosition(r.id)));
  }

  private async delete(sessionId: string, runs: RunRecord[]): Promise<void> {
    const ids = runs.map((r) => r.id);
    await this.deps.scheduler.abandonRuns(ids);
    for (const id of ids) {
      this.deps.recorder.discard(id);
      await this.deps.recorder.flush(id);
    }
    await this.deps.repos.sessions.delete(sessionId);
    this.deps.rooms.dropSession(sessionId);
  }
}
