/**
 * A latent scatter in words and numbers, for people who cannot see the picture (and for tests): per label, how many
 * points, where their centre is and how far they spread around it (root mean square distance to the centre); and one
 * number for the whole picture — how far apart the labels' centres are (mean distance over pairs) relative to how far
 * the points spread around their own centre (mean spread). Pure.
 */
export interface LabelSummary {
  label: number;
  count: number;
  centre: [number, number];
  spread: number;
}

export interface ScatterSummary {
  count: number;
  labels: LabelSummary[];
  /** Mean distance between label centres ÷ mean spread around them (null with fewer than two labels). */
  separation: number | null;
}

export function summariseScatter(points: ArrayLike<number>, labels: ArrayLike<number>): ScatterSummary {
  const n = labels.length;
  const sums = new Map<number, { count: number; x: number; y: number }>();
  for (let i = 0; i < n; i++) {
    const s = sums.get(labels[i]!) ?? { count: 0, x: 0, y: 0 };
    s.count++;
    s.x += Number(points[2 * i]);
    s.y += Number(points[2 * i + 1]);
    sums.set(labels[i]!, s);
  }
  const centres = new Map([...sums].map(([label, s]) => [label, [s.x / s.count, s.y / s.count] as [number, number]]));
  const squared = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const c = centres.get(labels[i]!)!;
    squared.set(
      labels[i]!,
      (squared.get(labels[i]!) ?? 0) + (Number(points[2 * i]) - c[0]) ** 2 + (Number(points[2 * i + 1]) - c[1]) ** 2,
    );
  }
  const summaries = [...sums.keys()]
    .sort((a, b) => a - b)
    .map((label) => ({
      label,
      count: sums.get(label)!.count,
      centre: centres.get(label)!,
      spread: Math.sqrt(squared.get(label)! / sums.get(label)!.count),
    }));
  let between = 0;
  let pairs = 0;
  for (let a = 0; a < summaries.length; a++) {
    for (let b = a + 1; b < summaries.length; b++) {
      const [p, q] = [summaries[a]!.centre, summaries[b]!.centre];
      between += Math.hypot(p[0] - q[0], p[1] - q[1]);
      pairs++;
    }
  }
  const within = summaries.reduce((s, l) => s + l.spread, 0) / Math.max(1, summaries.length);
  return { count: n, labels: summaries, separation: pairs === 0 || within === 0 ? null : between / pairs / within };
}

/** "separated" from 2, "partly separated" from 1, else "mixed": words for the separation number. */
export function separationWords(separation: number | null): string {
  if (separation === null) return "one label only";
  if (separation >= 2) return "separated";
  if (separation >= 1) return "partly separated";
  return "mixed";
}
