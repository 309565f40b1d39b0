/**
 * npm run bench:takeover [-- --lock-ms 10000 --kills 3]
 *
 * What a trainer crash costs: one run on full MNIST (vae-seed) trains on one of two trainers; mid-epoch the holder
 * is killed with SIGKILL; the other trainer takes the run over from its latest checkpoint. Printed per kill: seconds
 * until the other trainer holds the run (the BullMQ lock must expire: TRAINER_LOCK_MS), seconds until training
 * moves again, and the training redone (steps between the last checkpoint and the kill). Needs PostgreSQL
 * (TEST_DATABASE_URL_PG or DATABASE_URL, a role that may create the temporary database) and redis-server.
 */
import { io as connect } from "socket.io-client";
import { waitFor } from "../server/cluster/processes";
import { holderOf, startBenchCluster } from "./bench/benchCluster";
import { arg, cpuModel } from "./bench/cli";

const lockMs = Number(arg("lock-ms", "10000"));
const kills = Number(arg("kills", "3"));

interface Progress {
  epoch: number;
  step: number;
  stepsPerEpoch: number;
  globalStep: number;
}

async function main(): Promise<void> {
  const cpu = cpuModel();
  const cluster = await startBenchCluster({ apps: 1, trainers: 2, env: { TRAINER_LOCK_MS: String(lockMs) } });
  try {
    const base = cluster.bases[0]!;
    const created = (await (
      await fetch(`${base}/api/sessions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          title: "bench:takeover",
          runs: [{ preset: "vae-seed", overrides: { epochs: 3 * kills + 2 } }],
        }),
      })
    ).json()) as { id: string };

    let last: Progress | null = null;
    let progressCount = 0;
    const checkpoints: number[] = [];
    const viewer = connect(base, { transports: ["websocket"], forceNew: true });
    viewer.on("run:progress", (p: Progress) => {
      last = p;
      progressCount += 1;
    });
    viewer.on("run:checkpoint", (c: { epoch: number }) => checkpoints.push(c.epoch));
    let runId = "";
    viewer.on("connect", () =>
      viewer.emit(
        "session:join",
        { sessionId: created.id, protocol: 1 },
        (r: { data?: { session: { runs: { id: string }[] } } }) => {
          runId = r.data?.session.runs[0]?.id ?? runId;
        },
      ),
    );
    const rows: string[] = [];
    for (let k = 0; k < kills; k++) {
      // Kill in the middle of an epoch, after at least one checkpoint of this stint.
      const before = checkpoints.length;
      await waitFor(
        "a checkpoint, then mid-epoch",
        () => checkpoints.length > before && last !== null && last.step > last.stepsPerEpoch / 2,
        300_000,
        20,
      );
      const holder = await holderOf(cluster, runId);
      if (holder < 0) throw new Error("no trainer holds the run");
      const atKill = last!;
      const lastCheckpoint = checkpoints.at(-1)!;
      const killedAt = Date.now();
      await cluster.trainers[holder]!.kill("SIGKILL");
      const other = 1 - holder;
      await waitFor(
        "the other trainer holds the run",
        async () => (await holderOf(cluster, runId)) === other,
        120_000,
        100,
      );
      const heldAfter = (Date.now() - killedAt) / 1000;
      const seen = progressCount;
      await waitFor("training again", () => progressCount > seen, 120_000, 20);
      const movingAfter = (Date.now() - killedAt) / 1000;
      const redone = atKill.globalStep - lastCheckpoint * atKill.stepsPerEpoch;
      rows.push(
        `kill ${k + 1}: at epoch ${atKill.epoch} step ${atKill.step}/${atKill.stepsPerEpoch} (checkpoint ${lastCheckpoint}) | ` +
          `other trainer holds it after ${heldAfter.toFixed(1)} s | training again after ${movingAfter.toFixed(1)} s | ` +
          `${redone} steps (${(redone / atKill.stepsPerEpoch).toFixed(2)} epoch) trained again`,
      );
      await cluster.startTrainer(holder);
    }
    viewer.disconnect();
    console.log(`\nbench:takeover — vae-seed on full MNIST, TRAINER_LOCK_MS=${lockMs}, 2 trainers (${cpu})\n`);
    for (const r of rows) console.log(r);
  } finally {
    await cluster.close();
  }
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error("bench:takeover failed:", err);
  process.exit(1);
});
