import {
  startAppServer as startApp,
  startTrainer as startTrainerProc,
  type Proc,
} from "../../../server/cluster/processes";
import { dataDir } from "../server/helpers";

export {
  freePort,
  REDIS_SERVER,
  startRedisServer as startRedis,
  waitFor,
  type Proc,
} from "../../../server/cluster/processes";

/**
 * The distributed-mode tests' processes: app servers (API and sockets only) and trainers on one PostgreSQL database
 * and the test's own redis-server, each a separate Node process as in production.
 */
export interface ClusterEnv {
  databaseUrl: string;
  redisUrl: string;
}

const common = (cluster: ClusterEnv) => ({
  DATABASE_URL: cluster.databaseUrl,
  REDIS_URL: cluster.redisUrl,
  DATA_DIR: dataDir, // shares the MNIST check stamp with the other server tests
  HOST: "127.0.0.1",
  PG_POOL_SIZE: "4",
});

export function startAppServer(
  name: string,
  cluster: ClusterEnv,
  port: number,
  extra: Record<string, string> = {},
): Promise<Proc> {
  return startApp(name, port, { ...common(cluster), NO_NEXT: "1", ...extra });
}

export function startTrainer(
  name: string,
  cluster: ClusterEnv,
  port: number,
  extra: Record<string, string> = {},
): Promise<Proc> {
  // Fast takeover in tests: a dead trainer's lock expires after 3 s.
  return startTrainerProc(name, port, { ...common(cluster), TRAINER_LOCK_MS: "3000", ...extra });
}

export interface TrainerHealth {
  ok: boolean;
  id: string;
  activeRuns: number;
  runs: string[];
}

export async function trainerHealth(port: number): Promise<TrainerHealth | null> {
  try {
    return (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as TrainerHealth;
  } catch {
    return null;
  }
}
