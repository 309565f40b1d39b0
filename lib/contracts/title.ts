import { z } from "zod";

/**
 * Titles people give sessions and gallery items, as stored and shown. Removed: control characters (NUL, the other
 * C0 and C1 controls, DEL) and the invisible bidirectional controls (U+061C, U+200E/F, U+202A–E, U+2066–9), which
 * can make "gpj.exe" read as "exe.jpg" or hide text; tabs, newlines and line/paragraph separators become spaces;
 * runs of spaces collapse; the ends are trimmed. Letters of every script stay as typed.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is what this pattern is for
const REMOVED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const SPACES = /[\t\n\r\u2028\u2029\s]+/g;

export function normaliseTitle(raw: string): string {
  return raw.replace(REMOVED, "").replace(SPACES, " ").trim();
}

export const TITLE_MAX = 120;
/** Longer input is refused before normalising (the body limit would allow 64 KB of it). */
const RAW_MAX = 1000;

/** A title that must say something once normalised (1–120 characters). */
export const TitleSchema = z
  .string()
  .max(RAW_MAX, `title must be at most ${TITLE_MAX} characters`)
  .transform(normaliseTitle)
  .pipe(z.string().min(1, "title must not be empty").max(TITLE_MAX, `title must be at most ${TITLE_MAX} characters`));

/** A title that may be empty once normalised (the caller picks a default then). */
export const OptionalTitleSchema = z
  .string()
  .max(RAW_MAX, `title must be at most ${TITLE_MAX} characters`)
  .transform(normaliseTitle)
  .pipe(z.string().max(TITLE_MAX, `title must be at most ${TITLE_MAX} characters`));
