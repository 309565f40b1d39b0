import os from "node:os";
import { freePort, startAppServer, startRedisServer, startTrainer, type Proc } from "../../server/cluster/processes";
import { createTempPgDatabase } from "../../tests/integration/db/pgTestDatabase";

/**
 * A throwaway distributed deployment for the cluster benchmarks: a temporary PostgreSQL database (on the server of
 * TEST_DATABASE_URL_PG or DATABASE_URL; the role must be allowed to create databases), a redis-server of its own,
 * app servers (API and sockets only) and trainers, each its own process. `close()` kills them and drops the database.
 */
export interface BenchCluster {
  bases: string[];
  trainerPorts: number[];
  /** Current trainer processes (replaceable: a benchmark may kill one and start another). */
  trainers: Proc[];
  /** redis-server and the app servers. */
  procs(): Proc[];
  startTrainer(index: number): Promise<Proc>;
  close(): Promise<void>;
}

export async function startBenchCluster(opts: {
  apps: number;
  trainers: number;
  env?: Record<string, string>;
}): Promise<BenchCluster> {
  const pgServer = process.env.TEST_DATABASE_URL_PG ?? process.env.DATABASE_URL;
  if (!pgServer?.startsWith("postgres"))
    throw new Error("set TEST_DATABASE_URL_PG (or DATABASE_URL) to a PostgreSQL server whose role may CREATE DATABASE");
  const db = await createTempPgDatabase(pgServer);
  const procs: Proc[] = [];
  const cluster: BenchCluster = {
    bases: [],
    trainerPorts: [],
    trainers: [],
    procs: () => [...procs],
    startTrainer: async () => {
      throw new Error("not started");
    },
    async close() {
      await Promise.all([...procs, ...cluster.trainers].map((p) => p.kill("SIGKILL")));
      await db.drop();
    },
  };
  try {
    const redisPort = await freePort();
    procs.push(await startRedisServer(redisPort));
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      HOST: "127.0.0.1",
      NO_NEXT: "1",
      PG_POOL_SIZE: "4",
      DATA_DIR: process.env.DATA_DIR ?? `${os.tmpdir()}/vae-bench-data`,
      ...opts.env,
    };
    for (let i = 0; i < opts.apps; i++) {
      const port = await freePort();
      procs.push(await startAppServer(`app${i + 1}`, port, env)); // one at a time: the first migrates the database
      cluster.bases.push(`http://127.0.0.1:${port}`);
    }
    for (let i = 0; i < opts.trainers; i++) cluster.trainerPorts.push(await freePort());
    cluster.startTrainer = async (index) => {
      const proc = await startTrainer(`trainer${index + 1}`, cluster.trainerPorts[index]!, env);
      cluster.trainers[index] = proc;
      return proc;
    };
    await Promise.all(cluster.trainerPorts.map((_, i) => cluster.startTrainer(i)));
    return cluster;
  } catch (err) {
    await cluster.close();
    throw err;
  }
}

/** Which of the cluster's trainers holds a run (-1: none). */
export async function holderOf(cluster: BenchCluster, runId: string): Promise<number> {
  for (const [i, port] of cluster.trainerPorts.entries()) {
    try {
      const h = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as { runs: string[] };
      if (h.runs.includes(runId)) return i;
    } catch {
      // down
    }
  }
  return -1;
}
