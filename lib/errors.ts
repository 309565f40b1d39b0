/** The message of anything thrown: an Error's message, or the thrown value as text (catch clauses see `unknown`). */
export function errorMessage(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}
