/** A drawing pad's tools: the pen adds ink, the eraser removes it, "hole" marks pixels missing. */
export type DrawTool = "pen" | "eraser" | "hole";

export interface Drawing {
  /** 784 pixels of ink, 0..255. */
  image: Uint8Array;
  /** 784 pixels, 1 = observed, 0 = missing. */
  mask: Float32Array;
}

/** RGBA of the 28x28 pad: ink in grey, missing pixels as a translucent red hole over it. */
export function drawPadRgba({ image, mask }: Drawing): Uint8ClampedArray<ArrayBuffer> {
  const data = new Uint8ClampedArray(784 * 4);
  for (let i = 0; i < 784; i++) {
    const v = image[i] ?? 0;
    const hole = (mask[i] ?? 1) < 0.5;
    data[i * 4] = hole ? Math.round(120 + v * 0.5) : v;
    data[i * 4 + 1] = hole ? Math.round(20 + v * 0.3) : v;
    data[i * 4 + 2] = hole ? Math.round(40 + v * 0.3) : v;
    data[i * 4 + 3] = 255;
  }
  return data;
}

/**
 * One dab of `tool` at (cx, cy) in pixel units (0..28): the pen paints a soft round brush like MNIST strokes, the
 * eraser fades ink by the same brush, the hole brush (a little larger) marks pixels missing. Returns new arrays.
 */
export function paintDab({ image, mask }: Drawing, cx: number, cy: number, tool: DrawTool): Drawing {
  const img = image.slice();
  const msk = mask.slice();
  const radius = tool === "hole" ? 2 : 1.6;
  for (let y = Math.floor(cy - radius - 1); y <= Math.ceil(cy + radius + 1); y++) {
    for (let x = Math.floor(cx - radius - 1); x <= Math.ceil(cx + radius + 1); x++) {
      if (x < 0 || y < 0 || x > 27 || y > 27) continue;
      const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
      const i = y * 28 + x;
      if (tool === "hole") {
        if (d <= radius) msk[i] = 0;
      } else {
        const strength = Math.max(0, Math.min(1, radius + 0.5 - d));
        if (strength <= 0) continue;
        img[i] =
          tool === "pen"
            ? Math.max(img[i] ?? 0, Math.round(255 * strength))
            : Math.round((img[i] ?? 0) * (1 - strength));
      }
    }
  }
  return { image: img, mask: msk };
}
