import { parseArgs } from "node:util";

/**
 * Command-line flags for the CLIs (`npm run train`, `evaluate`, `judge:train`), read with node:util's parseArgs
 * but with errors in people's words. Node's own messages are written for programmers ("argument is ambiguous …
 * use '--epochs=-XYZ'" for `--epochs -1`), and strict mode refuses a negative number as a flag's value. So this
 * parses leniently (tokens) and checks each token itself: a negative number after a value flag is its value;
 * anything else that starts with "-" there means the value was forgotten.
 */

/** A mistake on the command line; the CLI prints the message and exits with code 2. */
export class UsageError extends Error {}

export type FlagSpec = Record<string, { type: "string" | "boolean"; short?: string }>;

/** Each flag's value as typed: a string for value flags, true for boolean flags; absent when not given. */
export type FlagValues<S extends FlagSpec> = { [K in keyof S]?: S[K]["type"] extends "boolean" ? boolean : string };

export interface ParsedFlags<S extends FlagSpec> {
  values: FlagValues<S>;
  positionals: string[];
}

const NUMBER_LIKE = /^-?(\d|\.\d)/;

/** Levenshtein distance, to suggest the flag a typo probably meant. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[b.length]!;
}

function suggestion(name: string, known: string[]): string {
  const best = known.map((k) => ({ k, d: distance(name, k) })).sort((x, y) => x.d - y.d)[0];
  return best && best.d <= Math.max(2, Math.floor(name.length / 3)) ? `; did you mean --${best.k}?` : "";
}

/**
 * Parses `args` against `options` like parseArgs, throwing a UsageError that names the flag and says what to write
 * instead. Value flags accept negative numbers (`--seed -1`), so range checks can say what the range is.
 */
export function parseFlags<const S extends FlagSpec>(config: {
  args: string[];
  options: S;
  allowPositionals?: boolean;
}): ParsedFlags<S> {
  const { args, options, allowPositionals = false } = config;
  const { tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });
  const values: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  const known = Object.keys(options);
  let previousBoolean: string | null = null;
  for (const token of tokens) {
    if (token.kind === "option-terminator") continue;
    if (token.kind === "positional") {
      if (!allowPositionals) {
        const hint = previousBoolean ? ` (--${previousBoolean} takes no value)` : "";
        throw new UsageError(`unexpected argument "${token.value}"${hint}`);
      }
      positionals.push(token.value);
      previousBoolean = null;
      continue;
    }
    const spec = options[token.name];
    if (!spec) throw new UsageError(`unknown flag ${token.rawName}${suggestion(token.name, known)}`);
    if (values[token.name] !== undefined) throw new UsageError(`--${token.name} is given twice`);
    previousBoolean = null;
    if (spec.type === "boolean") {
      if (token.inlineValue) throw new UsageError(`--${token.name} takes no value (write just --${token.name})`);
      values[token.name] = true;
      previousBoolean = token.name;
      continue;
    }
    const value = token.value;
    if (value === undefined || (!token.inlineValue && value.startsWith("-") && !NUMBER_LIKE.test(value))) {
      const found =
        value === undefined
          ? ""
          : ` (found ${value} where the value should be; if that is the value, write --${token.name}=${value})`;
      throw new UsageError(`--${token.name} needs a value${found}`);
    }
    values[token.name] = value;
  }
  return { values: values as FlagValues<S>, positionals };
}

/** What a whole-number flag may hold (both ends included). */
export interface IntegerRange {
  min: number;
  max: number;
}

/** `text` as a number, or a UsageError saying it is not one. */
export function readNumber(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value)) throw new UsageError(`--${flag} must be a number (got "${text}")`);
  return value;
}

/** `text` as a whole number in `range`; the error says which rule it broke, e.g. "--epochs must be at least 1 (got -1)". */
export function readInteger(flag: string, text: string, range: IntegerRange): number {
  const value = readNumber(flag, text);
  if (!Number.isInteger(value)) throw new UsageError(`--${flag} must be a whole number (got ${text})`);
  if (value < range.min) throw new UsageError(`--${flag} must be at least ${range.min} (got ${text})`);
  if (value > range.max) throw new UsageError(`--${flag} must be at most ${range.max} (got ${text})`);
  return value;
}
