import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { resolveConfig } from "../../../../lib/model/config";
import type { Repositories } from "../../../../server/repositories/types";
import { artifacts } from "./artifacts";
import { checkpointsGalleryContract } from "./contractCheckpointsGallery";
import { runDataContract } from "./contractRunData";
import { sessionsRunsContract } from "./contractSessionsRuns";

/** What the contract's parts share: the suite's repositories (fresh per suite) and two record makers. */
export interface ContractContext {
  readonly repos: Repositories;
  newSession(title?: string): ReturnType<Repositories["sessions"]["create"]>;
  newRun(index?: number, sessionId?: string): ReturnType<Repositories["runs"]["create"]>;
}

/**
 * The one behaviour contract every Repositories implementation must pass (memory, SQLite, PostgreSQL).
 * `open` returns fresh, empty repositories; `dispose` releases them (and drops temp databases).
 */
export function repositoryContract(
  name: string,
  open: () => Promise<Repositories>,
  dispose?: () => Promise<void>,
): void {
  describe(`Repositories contract: ${name}`, () => {
    let repos: Repositories;
    before(async () => {
      repos = await open();
    });
    after(async () => {
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when the suite's setup failed
      await repos?.close();
      await dispose?.();
    });

    const newSession = (title = "s") =>
      repos.sessions.create({ title, dataset: "mnist", ownerTokenHash: "a".repeat(64) });
    const newRun = async (index = 0, sessionId?: string) => {
      const sid = sessionId ?? (await newSession()).id;
      return repos.runs.create({
        sessionId: sid,
        index,
        preset: "vae-seed",
        config: resolveConfig("vae-seed", { epochs: 3 }),
        status: "queued",
      });
    };

    const ctx: ContractContext = {
      get repos() {
        return repos;
      },
      newSession,
      newRun,
    };
    sessionsRunsContract(ctx);
    runDataContract(ctx);
    checkpointsGalleryContract(ctx);

    test("returned records are copies: mutating them does not change what is stored", async () => {
      const r = await newRun();
      await repos.grids.add([
        {
          runId: r.id,
          epoch: 1,
          kind: "prior",
          rows: 1,
          cols: 1,
          rowLabels: null,
          pixels: new Uint8Array(784).fill(7),
        },
      ]);
      const [g] = await repos.grids.latest(r.id);
      g!.pixels[0] = 99;
      r.config.encoderHidden.push(1);
      assert.equal((await repos.grids.latest(r.id))[0]!.pixels[0], 7);
      assert.deepEqual((await repos.runs.get(r.id))!.config.encoderHidden, [256, 256]);
    });

    test("sessions: delete cascades to runs, metrics, grids, latent scatters, checkpoints and gallery items; deleting twice is fine", async () => {
      const s = await newSession();
      const r = await newRun(0, s.id);
      await repos.metrics.addEpoch(r.id, {
        epoch: 1,
        trainLoss: 1,
        testNegElbo: 2,
        testRecon: 1.5,
        testKl: 0.5,
        seconds: 1,
        imgPerSec: 1,
      });
      await repos.metrics.addSteps(r.id, [{ globalStep: 1, epoch: 1, loss: 1, recon: 1, kl: 0 }]);
      await repos.grids.add([
        { runId: r.id, epoch: 1, kind: "prior", rows: 1, cols: 1, rowLabels: null, pixels: new Uint8Array(784) },
      ]);
      await repos.latent.add({
        runId: r.id,
        epoch: 1,
        projection: { method: "identity", mean: null, axes: null, explained: null },
        points: new Float32Array(2),
        labels: new Uint8Array(1),
      });
      const c = await repos.checkpoints.add(r.id, 1, artifacts(r.config, 1, 1));
      const g = await repos.gallery.create({
        sessionId: s.id,
        checkpointId: c.id,
        kind: "generation",
        title: "t",
        png: new Uint8Array([1]),
        meta: {},
        authorTokenHash: "c",
      });
      await repos.sessions.delete(s.id);
      assert.equal(await repos.sessions.get(s.id), null);
      assert.equal(await repos.runs.get(r.id), null);
      assert.deepEqual(await repos.runs.listBySession(s.id), []);
      assert.deepEqual(await repos.metrics.listEpochs(r.id), []);
      assert.deepEqual(await repos.metrics.listSteps(r.id), []);
      assert.deepEqual(await repos.grids.epochs(r.id), []);
      assert.deepEqual(await repos.latent.epochs(r.id), []);
      assert.equal(await repos.checkpoints.get(c.id), null);
      assert.equal(await repos.gallery.get(g.id), null);
      await repos.sessions.delete(s.id);
    });
  });
}
