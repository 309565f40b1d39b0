// A node:test reporter that names what was skipped and why, next to the spec reporter (scripts/run-tests.cjs).
// Node's own summary counts skipped *tests* only: a skipped describe() group is never run, so its tests are not
// counted at all — four skipped PostgreSQL groups showed up as "skipped 1". This lists every skipped group and test,
// grouped by the reason the test gave, so the count a person reads is honest.
// Plain JavaScript: reporters load before tsx's TypeScript loader.
import path from "node:path";

/**
 * @param {{ name: string, reason: string, file: string | undefined, group: boolean }[]} skips
 * @returns {string} the summary lines (empty when nothing was skipped)
 */
export function skipSummary(skips) {
  if (skips.length === 0) return "";
  const groups = skips.filter((s) => s.group).length;
  const tests = skips.length - groups;
  const counts = [
    tests ? `${tests} test${tests === 1 ? "" : "s"}` : "",
    groups ? `${groups} whole group${groups === 1 ? "" : "s"}` : "",
  ];
  const lines = [
    `ℹ skipped: ${counts.filter(Boolean).join(" and ")}${groups ? " (the tests inside a skipped group never run, so the count above leaves them out)" : ""}`,
  ];
  const byReason = new Map();
  for (const s of skips) byReason.set(s.reason, [...(byReason.get(s.reason) ?? []), s]);
  for (const [reason, items] of byReason) {
    lines.push(`ℹ   ${reason}:`);
    for (const s of items) lines.push(`ℹ     ${s.group ? "group" : "test "} ${s.name}${s.file ? `  (${s.file})` : ""}`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * The reporter: collects skips while the run goes and prints the summary when the run's totals begin (the first
 * top-level "tests N" line). Not at the end of the stream: with --test-force-exit the process may exit before a
 * reporter's last words are written.
 */
export default async function* skipReporter(source) {
  const skips = [];
  let printed = false;
  for await (const event of source) {
    if (
      (event.type === "test:pass" || event.type === "test:fail") &&
      event.data.skip !== undefined &&
      event.data.skip !== false
    ) {
      skips.push({
        name: event.data.name,
        reason: typeof event.data.skip === "string" && event.data.skip ? event.data.skip : "no reason given",
        file: event.data.file ? path.relative(process.cwd(), event.data.file) : undefined,
        group: event.data.details?.type === "suite",
      });
    }
    if (
      !printed &&
      event.type === "test:diagnostic" &&
      event.data.nesting === 0 &&
      /^tests \d+$/.test(event.data.message)
    ) {
      printed = true;
      const text = skipSummary(skips);
      if (text) yield text;
    }
  }
  if (!printed) {
    const text = skipSummary(skips);
    if (text) yield text;
  }
}
