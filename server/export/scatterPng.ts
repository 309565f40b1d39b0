import { digitRgb } from "../../lib/latent/digitPalette";
import { encodeRgbPng } from "./png";

/**
 * A latent scatter (server/training/loop/latentScatter.ts) as a PNG, for the CLI's output folder: each point a small
 * square coloured by its digit on a dark background, the points' bounding box (1st–99th percentile, so a few
 * outliers do not squash the picture) fitted to the square. For looking at, not for measuring.
 */

/** The pages' digit colours (lib/latent/digitPalette.ts), index = digit. */
export const DIGIT_COLOURS: readonly [number, number, number][] = Array.from({ length: 10 }, (_, d) => digitRgb(d));

function percentile(sorted: Float32Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))] ?? 0;
}

export function scatterToPng(points: Float32Array, labels: Uint8Array, size = 480): Buffer {
  const n = labels.length;
  if (points.length !== 2 * n) throw new Error(`scatterToPng: ${points.length} coordinates for ${n} labels`);
  const xs = Float32Array.from({ length: n }, (_, i) => points[2 * i]!).sort();
  const ys = Float32Array.from({ length: n }, (_, i) => points[2 * i + 1]!).sort();
  const [x0, x1, y0, y1] = [percentile(xs, 0.01), percentile(xs, 0.99), percentile(ys, 0.01), percentile(ys, 0.99)];
  const span = Math.max(x1 - x0, y1 - y0, 1e-6) * 1.1;
  const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
  const rgb = new Uint8Array(size * size * 3).fill(18);
  const dot = 2;
  for (let i = 0; i < n; i++) {
    const px = Math.round(((points[2 * i]! - cx) / span + 0.5) * (size - 1));
    const py = Math.round((0.5 - (points[2 * i + 1]! - cy) / span) * (size - 1)); // y up
    const colour = DIGIT_COLOURS[labels[i]! % 10]!;
    for (let dy = -dot; dy <= dot; dy++) {
      for (let dx = -dot; dx <= dot; dx++) {
        const x = px + dx;
        const y = py + dy;
        if (x < 0 || y < 0 || x >= size || y >= size) continue;
        rgb.set(colour, (y * size + x) * 3);
      }
    }
  }
  return encodeRgbPng(rgb, size, size);
}
