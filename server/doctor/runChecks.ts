import { checkFashionMnist, checkJudge } from "./dataChecks";
import { checkChromium, checkPostgres, checkRedis } from "./testSuiteChecks";
import { checkNativeKernels, checkOpenBlasHeaders, checkTfjsNode, checkTrainingSpeed } from "./trainingChecks";
import type { CheckResult, DoctorProbes } from "./types";

/** Every check, in the order the screen shows them. Only the training measurement takes long (≤ 2 × 20 s, ~8 s here). */
export async function runChecks(p: DoctorProbes, opts: { measure: boolean }): Promise<CheckResult[]> {
  return [
    await checkTrainingSpeed(p, opts.measure),
    await checkTfjsNode(p),
    checkNativeKernels(p),
    checkOpenBlasHeaders(p, p.nativeKernels().built),
    checkChromium(p),
    ...(await checkPostgres(p)),
    ...(await checkRedis(p)),
    checkFashionMnist(p),
    checkJudge(p),
  ];
}
