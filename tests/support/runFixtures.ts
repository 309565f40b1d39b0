import type { WorkerEvent } from "../../lib/contracts/training";
import type { Repositories, RunRecord } from "../../server/repositories/types";
import { tinyConfig } from "../unit/server/scheduler/fakes";

/** A session with one run of the tiny config (index 0), as most repository-backed tests start. */
export async function seedSessionRun(repos: Repositories, status: RunRecord["status"] = "training") {
  const session = await repos.sessions.create({ title: "t", dataset: "mnist", ownerTokenHash: "00" });
  const run = await repos.runs.create({
    sessionId: session.id,
    index: 0,
    preset: "vae-seed",
    config: tinyConfig(),
    status,
  });
  return { session, run };
}

/** The worker's end-of-epoch event with fixed metrics. */
export const epochEvent = (epoch = 1): Extract<WorkerEvent, { type: "epoch" }> => ({
  type: "epoch",
  epoch,
  trainLoss: 1,
  testNegElbo: 2,
  testRecon: 1.5,
  testKl: 0.5,
  seconds: 1,
  imgPerSec: 9,
});
