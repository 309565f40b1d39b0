import os from "node:os";
import { errorMessage } from "../../lib/errors";
import { realProbes } from "../doctor/probes";
import { formatReport } from "../doctor/report";
import { terminalColumns } from "./terminal";
import { runChecks } from "../doctor/runChecks";
import { parseFlags, UsageError } from "./flags";

/**
 * `npm run doctor [-- --no-measure]`: one screen on what this machine has for the project — the training backend
 * with a measured speed, tfjs-node, the native kernels and OpenBLAS's headers, Chromium, PostgreSQL, Redis,
 * Fashion-MNIST, the cached judge — and, for each missing piece, what it costs and the command that fixes it.
 * Changes nothing on the machine. Exits 0 whatever it finds (it reports; it does not judge).
 */
const USAGE = "usage: npm run doctor [-- --no-measure]   (--no-measure skips the ~10 s training-speed measurement)";

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseFlags({
      args: process.argv.slice(2),
      options: { "no-measure": { type: "boolean" }, help: { type: "boolean", short: "h" } },
    }));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`${e.message}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const measure = values["no-measure"] !== true;
  if (measure) console.error("npm run doctor: checking; the training-speed measurement takes about 10 s…");
  const results = await runChecks(realProbes(), { measure });
  const machine = {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cores: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? "unknown CPU",
    openblasCoreType: process.env.OPENBLAS_CORETYPE ?? null,
  };
  console.log(formatReport(results, machine, Math.max(80, terminalColumns(process.stdout) ?? 110)));
  process.exit(0); // the training worker's wasm and the database pools would otherwise keep the process alive
}

main().catch((e: unknown) => {
  console.error(`npm run doctor failed: ${errorMessage(e)}`);
  process.exit(1);
});
