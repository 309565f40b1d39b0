/** JSON.stringify as it behaves: undefined for undefined, functions and symbols (its type says always a string). */
export function jsonText(value: unknown): string | undefined {
  return JSON.stringify(value);
}
