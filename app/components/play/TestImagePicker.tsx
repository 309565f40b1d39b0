"use client";

import { DigitGrid } from "../DigitGrid";
import type { TestSample } from "./testSample";

/** Thumbnails of the test images (up to 32); clicking one picks it. */
export function TestImagePicker({
  sample,
  error,
  picked,
  onPick,
}: {
  sample: TestSample | null;
  error: string | null;
  picked: number | "drawn";
  onPick: (i: number) => void;
}) {
  const thumbs = sample ? Math.min(sample.n, 32) : 0;
  return (
    <div>
      <p className="mb-1 text-xs text-slate-400">Test images (click one)</p>
      {sample ? (
        <div role="group" aria-label="Test images" className="grid grid-cols-8 gap-0.5" data-testid="test-images">
          {Array.from({ length: thumbs }, (_, i) => (
            <button
              key={i}
              type="button"
              aria-label={`Test image ${i + 1}, a ${sample.labels[i]}`}
              aria-pressed={picked === i}
              onClick={() => onPick(i)}
              className={`rounded-sm ${picked === i ? "ring-2 ring-sky-400" : ""}`}
            >
              <DigitGrid
                pixels={sample.images.subarray(i * 784, (i + 1) * 784)}
                rows={1}
                cols={1}
                tileSize={28}
                gap={0}
              />
            </button>
          ))}
        </div>
      ) : (
        !error && <p className="text-xs text-slate-500">loading test images…</p>
      )}
    </div>
  );
}
