import path from "node:path";
import { z } from "zod";
import { FASHION_MNIST_DIR, FASHION_MNIST_FILES } from "../data/paths";
import type { CheckResult, DoctorProbes } from "./types";

/** Data on disk: Fashion-MNIST from Debian's package, and the cached judge classifier. */

export function checkFashionMnist(p: Pick<DoctorProbes, "fileExists">): CheckResult {
  const name = "Fashion-MNIST";
  const files = Object.values(FASHION_MNIST_FILES);
  const missing = files.filter((f) => !p.fileExists(path.join(FASHION_MNIST_DIR, f)));
  if (missing.length === 0)
    return { name, status: "ok", found: `${FASHION_MNIST_DIR} (Debian's dataset-fashion-mnist)` };
  return {
    name,
    status: "missing",
    found: `${missing.length === files.length ? "not installed" : `incomplete (no ${missing.join(", ")})`} in ${FASHION_MNIST_DIR}`,
    cost: "runs with --dataset fashion-mnist (CLI and the home page's form) fail; its data test skips",
    fix: "apt-get install dataset-fashion-mnist",
  };
}

const JUDGE_FILES = ["model.json", "weights.bin", "judge.json"];
const JudgeInfoSchema = z.object({ testAccuracy: z.number() });

function parseJson(text: string | null): unknown {
  try {
    return text === null ? null : JSON.parse(text);
  } catch {
    return null;
  }
}

/** The MNIST judge classifier (server/eval/judge.ts), cached in DATA_DIR/judge once trained. */
export function checkJudge(p: Pick<DoctorProbes, "env" | "fileExists" | "readText">): CheckResult {
  const name = "judge classifier";
  const dir = path.join(path.resolve(p.env.DATA_DIR?.trim() || "data"), "judge");
  const shown = path.relative(process.cwd(), dir) || dir;
  if (!JUDGE_FILES.every((f) => p.fileExists(path.join(dir, f)))) {
    return {
      name,
      status: "missing",
      found: `not cached in ${shown}`,
      cost: "the first npm run evaluate of a cvae-label run trains it first (once: about 45 s with the native kernels on an idle 2-core machine, longer on a busy one)",
      fix: "npm run judge:train",
    };
  }
  const info = JudgeInfoSchema.safeParse(parseJson(p.readText(path.join(dir, "judge.json"))));
  return {
    name,
    status: "ok",
    found: `cached in ${shown}${info.success ? ` (test accuracy ${(info.data.testAccuracy * 100).toFixed(1)} %)` : ""}`,
  };
}
