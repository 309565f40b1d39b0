/** Runs `compute` and says how long it took (ms): the "computed in … ms" the Play panels show. */
export function timed<T>(compute: () => T, now: () => number = () => performance.now()): { value: T; ms: number } {
  const t0 = now();
  const value = compute();
  return { value, ms: now() - t0 };
}
