"use client";

import { gridToRgba } from "../digitGridPixels";

/**
 * A grid of digits as a PNG (base64 data URL), each image pixel drawn as `scale` x `scale` pixels
 * so saved and downloaded pictures stay crisp. Labels are not part of the picture.
 */
export function gridToPngDataUrl(pixels: Uint8Array, rows: number, cols: number, scale = 3): string {
  const { data, layout } = gridToRgba(pixels, rows, cols, 2);
  const small = document.createElement("canvas");
  small.width = layout.width;
  small.height = layout.height;
  small.getContext("2d")?.putImageData(new ImageData(data, layout.width, layout.height), 0, 0);
  const big = document.createElement("canvas");
  big.width = layout.width * scale;
  big.height = layout.height * scale;
  const ctx = big.getContext("2d");
  if (!ctx) throw new Error("this browser cannot draw on a canvas");
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(small, 0, 0, big.width, big.height);
  return big.toDataURL("image/png");
}

/** Starts a download of the PNG. */
export function downloadPng(dataUrl: string, filename: string): void {
  const a = document.createElement("a");
  a.href = dataUrl;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
}
