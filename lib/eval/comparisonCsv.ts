import { COMPARISON_COLUMNS, ComparisonRowSchema, type ComparisonRow } from "../contracts/comparison";

/**
 * The comparison table as CSV (RFC 4180): a header row of COMPARISON_COLUMNS, one line per run, CRLF line ends.
 * Numbers are written with up to 4 decimals (nats and fractions need no more), null as an empty field; text is
 * quoted when it holds a comma, a quote or a line break. Pure: the server's download route and a page's "CSV"
 * button can both use it. Rows are validated first, so a bad row fails loudly instead of shifting columns.
 */
export function comparisonCsv(rows: readonly ComparisonRow[]): string {
  const lines = [COMPARISON_COLUMNS.join(",")];
  for (const raw of rows) {
    const row = ComparisonRowSchema.parse(raw);
    lines.push(COMPARISON_COLUMNS.map((c) => csvField(row[c])).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}

function csvField(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(Math.round(value * 1e4) / 1e4);
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
