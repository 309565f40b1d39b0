import type { ZodError } from "zod";

type Issue = ZodError["issues"][number];

/**
 * A zod issue about one command-line flag, in people's words: "--epochs must be at least 1 (got -1)" instead of
 * zod's "Too small: expected number to be >=1" or "Invalid input: expected int, received number". The schema's own
 * messages are written for the web form's fields; on the command line the flag's name is what the user typed.
 */
export function issueInWords(flag: string, issue: Issue, given: unknown): string {
  const got =
    typeof given === "string"
      ? ` (got ${Number.isFinite(Number(given)) && given.trim() !== "" ? given : `"${given}"`})`
      : "";
  // Hidden sizes are a list: the issue is about the list (its length) or about one of its elements.
  const element = issue.path.length > 1 && typeof issue.path[1] === "number";
  const subject = element ? `--${flag}: each size` : `--${flag}`;
  switch (issue.code) {
    case "too_small":
      if (issue.origin === "array")
        return `--${flag} needs at least ${issue.minimum} value${Number(issue.minimum) === 1 ? "" : "s"}${got}`;
      return `${subject} must be ${issue.inclusive ? "at least" : "more than"} ${issue.minimum}${got}`;
    case "too_big":
      if (issue.origin === "array") return `--${flag} takes at most ${issue.maximum} values${got}`;
      return `${subject} must be ${issue.inclusive ? "at most" : "less than"} ${issue.maximum}${got}`;
    case "invalid_type":
      if (issue.expected === "int") return `${subject} must be a whole number${got}`;
      return `${subject} must be a ${issue.expected}${got}`;
    case "invalid_value":
      return `--${flag} must be one of ${issue.values.map(String).join(", ")}${got}`;
    default:
      return `--${flag}: ${issue.message}${got}`;
  }
}
