import type { CheckResult } from "./types";

/** The doctor's screen: one line per check, and under each missing piece what it costs and the command that fixes it. */

export interface MachineFacts {
  node: string;
  platform: string;
  arch: string;
  cores: number;
  cpuModel: string;
  openblasCoreType: string | null;
}

const MARK: Record<CheckResult["status"], string> = { ok: "✓", missing: "✗", info: "·" };
const NAME_WIDTH = 20;

/** Breaks `text` into lines of at most `width` characters (words longer than that stay whole). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function block(first: string, text: string, width: number): string[] {
  const indent = " ".repeat(first.length);
  return wrap(text, Math.max(30, width - first.length)).map((l, i) => `${i === 0 ? first : indent}${l}`);
}

export function formatReport(results: CheckResult[], machine: MachineFacts, width = 110): string {
  const lines = [
    "npm run doctor: what this machine has for VAE Playground",
    `Node ${machine.node} · ${machine.platform} ${machine.arch} · ${machine.cores} cores (${machine.cpuModel})` +
      (machine.openblasCoreType ? ` · OPENBLAS_CORETYPE=${machine.openblasCoreType}` : ""),
    "",
  ];
  for (const r of results) {
    lines.push(...block(`${MARK[r.status]} ${r.name.padEnd(NAME_WIDTH)}`, r.found, width));
    const pad = " ".repeat(NAME_WIDTH + 2);
    if (r.cost) lines.push(...block(`${pad}costs: `, r.cost, width));
    if (r.fix) lines.push(`${pad}fix:   ${r.fix}`);
  }
  const missing = results.filter((r) => r.status === "missing");
  lines.push("");
  if (missing.length === 0)
    lines.push("Nothing missing: npm start, the full npm test and the distributed mode all have what they need.");
  else {
    lines.push(
      ...wrap(`${missing.length} missing (${missing.map((r) => r.name).join(", ")}). The fixes, in order:`, width),
    );
    for (const fix of new Set(missing.flatMap((r) => (r.fix ? [r.fix] : [])))) lines.push(`  ${fix}`);
  }
  return lines.join("\n");
}
