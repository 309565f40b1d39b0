import { DIGIT_PALETTE } from "../../../lib/latent/digitPalette";
import { toUnit, type Bounds } from "../../../lib/latent/scatterGeometry";

export type ScatterMarks = "dots" | "digits";

export const SCATTER_BACKGROUND = "#0f172a";

export interface DrawOptions {
  points: Float32Array;
  labels: Uint8Array;
  bounds: Bounds;
  highlight: number | null;
  marks: ScatterMarks;
  cursor: [number, number] | null;
  dpr: number;
}

/** Draws the whole scatter on a square canvas of `size` device pixels. */
export function drawScatter(ctx: CanvasRenderingContext2D, size: number, o: DrawOptions): void {
  ctx.fillStyle = SCATTER_BACKGROUND;
  ctx.fillRect(0, 0, size, size);
  // The plane's origin (the latent origin at latent 2, the images' mean under PCA), faintly.
  const [ox, oy] = toUnit(o.bounds, 0, 0);
  ctx.strokeStyle = "rgba(148, 163, 184, 0.25)";
  ctx.lineWidth = o.dpr;
  ctx.beginPath();
  if (ox > 0 && ox < 1) {
    ctx.moveTo(ox * size, 0);
    ctx.lineTo(ox * size, size);
  }
  if (oy > 0 && oy < 1) {
    ctx.moveTo(0, oy * size);
    ctx.lineTo(size, oy * size);
  }
  ctx.stroke();

  const n = o.labels.length;
  const byLabel: number[][] = Array.from({ length: 10 }, () => []);
  for (let i = 0; i < n; i++) byLabel[o.labels[i]! % 10]!.push(i);
  const order = [...Array(10).keys()].filter((d) => d !== o.highlight);
  if (o.highlight !== null) order.push(o.highlight); // drawn last: on top
  const dot = Math.max(2 * o.dpr, size / 160);
  const font = Math.max(8, Math.round(size / 45));
  if (o.marks === "digits") {
    ctx.font = `600 ${font}px ui-sans-serif, system-ui, sans-serif`;
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
  }
  for (const d of order) {
    ctx.globalAlpha = o.highlight === null || o.highlight === d ? 0.9 : 0.12;
    ctx.fillStyle = DIGIT_PALETTE[d]!;
    for (const i of byLabel[d]!) {
      const [fx, fy] = toUnit(o.bounds, o.points[2 * i]!, o.points[2 * i + 1]!);
      if (o.marks === "digits") ctx.fillText(String(d), fx * size, fy * size);
      else ctx.fillRect(fx * size - dot / 2, fy * size - dot / 2, dot, dot);
    }
  }
  ctx.globalAlpha = 1;
  if (o.cursor) {
    const [cx, cy] = toUnit(o.bounds, o.cursor[0], o.cursor[1]);
    const r = Math.max(6, size / 40);
    ctx.lineWidth = 2 * o.dpr;
    for (const [colour, width] of [
      ["#0f172a", 4 * o.dpr],
      ["#fbbf24", 2 * o.dpr],
    ] as const) {
      ctx.strokeStyle = colour;
      ctx.lineWidth = width;
      ctx.beginPath();
      ctx.arc(cx * size, cy * size, r, 0, 2 * Math.PI);
      ctx.moveTo(cx * size - 2 * r, cy * size);
      ctx.lineTo(cx * size - r, cy * size);
      ctx.moveTo(cx * size + r, cy * size);
      ctx.lineTo(cx * size + 2 * r, cy * size);
      ctx.moveTo(cx * size, cy * size - 2 * r);
      ctx.lineTo(cx * size, cy * size - r);
      ctx.moveTo(cx * size, cy * size + r);
      ctx.lineTo(cx * size, cy * size + 2 * r);
      ctx.stroke();
    }
  }
}
