import { jsonText } from "../../lib/jsonText";

/**
 * Client-supplied text on its way into a log line. Escaped so that it can never start a line of its own (newlines,
 * carriage returns and every other control character become \n, \r, \u0000 …), nor reorder what a reader sees
 * (bidi overrides and line/paragraph separators are escaped too), and cut to `max` characters so one client cannot
 * write kilobytes per line. Non-strings are shown as JSON, cut the same way.
 */
export function escapeClientText(value: unknown, max = 200): string {
  let text: string;
  try {
    text = typeof value === "string" ? value : (jsonText(value) ?? String(value));
  } catch {
    text = Object.prototype.toString.call(value); // cyclic or BigInt: the type is enough
  }
  const cut = text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
  return JSON.stringify(cut).replace(
    /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
