"use client";

import { useEffect, useMemo, useState } from "react";
import { centredHoleMask } from "../../../lib/data/masks";
import { reconstructionGrid } from "../../../lib/play/generate";
import { inpaint } from "../../../lib/play/inpaint";
import type { PlayModel } from "../../../lib/play/playModel";
import { DigitGrid } from "../DigitGrid";
import { DrawPad, type DrawTool } from "./DrawPad";
import { ResultCard, type SaveContext } from "./ResultCard";
import { buttonSmall, toggleButton } from "../ui";
import { fetchTestSample, type TestSample } from "./testSample";

const SAMPLES = 6;
const maskBits = (m: Float32Array) => Array.from(m, (v) => (v >= 0.5 ? "1" : "0")).join("");

/**
 * Pick a test image (or draw one), choose the mask (the seed's centred 10x10 hole or a brush), and see
 * it filled instantly: flawed / filled / original rows plus several samples for the same mask.
 * For models without an inpainting condition the same picker shows reconstructions instead.
 */
export function InpaintPanel({ model, context }: { model: PlayModel; context: SaveContext }) {
  const canInpaint = model.condition === "inpaint";
  const [sample, setSample] = useState<TestSample | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<number | "drawn">(0);
  const [image, setImage] = useState<Uint8Array>(() => new Uint8Array(784));
  const [label, setLabel] = useState(0);
  const [maskMode, setMaskMode] = useState<"centre" | "brush">("centre");
  const [brushMask, setBrushMask] = useState<Float32Array>(() => new Float32Array(784).fill(1));
  const [tool, setTool] = useState<DrawTool>(canInpaint ? "hole" : "pen");
  const [seed, setSeed] = useState(1);

  useEffect(() => {
    fetchTestSample(64)
      .then((s) => {
        setSample(s);
        setImage(s.images.slice(0, 784));
        setLabel(s.labels[0] ?? 0);
      })
      .catch((e: Error) => setError(e.message));
  }, []);

  const mask = useMemo(() => (maskMode === "centre" ? centredHoleMask(10) : brushMask), [maskMode, brushMask]);

  const pick = (i: number) => {
    if (!sample) return;
    setPicked(i);
    setImage(sample.images.slice(i * 784, (i + 1) * 784));
    setLabel(sample.labels[i] ?? 0);
  };

  const result = useMemo(() => {
    const t0 = performance.now();
    if (canInpaint) {
      const r = inpaint(model, image, mask, { samples: SAMPLES, seed, temperature: 1 });
      return { main: r.grid, samples: r.samples, ms: performance.now() - t0 };
    }
    const main = reconstructionGrid(model, image, model.condition === "label" ? [label] : undefined);
    return { main, samples: null, ms: performance.now() - t0 };
  }, [model, canInpaint, image, mask, seed, label]);

  const batch = useMemo(() => {
    if (!sample) return null;
    const n = 8;
    const imgs = sample.images.slice(0, n * 784);
    return canInpaint
      ? inpaint(model, imgs, centredHoleMask(10)).grid
      : reconstructionGrid(model, imgs, model.condition === "label" ? sample.labels.slice(0, n) : undefined);
  }, [model, sample, canInpaint]);

  const thumbs = sample ? Math.min(sample.n, 32) : 0;
  const meta = { mask: maskBits(mask), seed, ...(model.condition === "label" ? { digit: label } : {}) };
  const tools: DrawTool[] = canInpaint ? ["hole", "pen", "eraser"] : ["pen", "eraser"];

  return (
    <div className="space-y-4">
      {error && <p role="alert" className="text-sm text-rose-400">{error}</p>}
      <div className="flex flex-wrap gap-6">
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
                  onClick={() => pick(i)}
                  className={`rounded-sm ${picked === i ? "ring-2 ring-sky-400" : ""}`}
                >
                  <DigitGrid pixels={sample.images.subarray(i * 784, (i + 1) * 784)} rows={1} cols={1} tileSize={28} gap={0} />
                </button>
              ))}
            </div>
          ) : (
            !error && <p className="text-xs text-slate-500">loading test images…</p>
          )}
        </div>
        <div className="space-y-2">
          <p className="text-xs text-slate-400">{canInpaint ? "Image and mask (draw, or paint a hole)" : "Image (draw your own)"}</p>
          <DrawPad
            image={image}
            mask={canInpaint ? mask : new Float32Array(784).fill(1)}
            tool={tool}
            onChange={(next) => {
              setPicked("drawn");
              setImage(next.image);
              if (canInpaint && tool === "hole") {
                setMaskMode("brush");
                setBrushMask(next.mask); // the pad painted on top of the mask it showed
              }
            }}
          />
          <div role="group" aria-label="Drawing tool" className="flex gap-1">
            {tools.map((t) => (
              <button key={t} type="button" aria-pressed={tool === t} onClick={() => setTool(t)} className={toggleButton(tool === t)}>
                {t === "hole" ? "Hole brush" : t === "pen" ? "Pen" : "Eraser"}
              </button>
            ))}
            <button type="button" onClick={() => { setImage(new Uint8Array(784)); setPicked("drawn"); }} className={buttonSmall}>
              Clear
            </button>
          </div>
          {canInpaint && (
            <fieldset className="flex flex-wrap gap-3 text-xs text-slate-300">
              <legend className="sr-only">Mask</legend>
              <label className="flex items-center gap-1">
                <input type="radio" name="mask" checked={maskMode === "centre"} onChange={() => setMaskMode("centre")} />
                Centred 10x10 hole
              </label>
              <label className="flex items-center gap-1">
                <input type="radio" name="mask" checked={maskMode === "brush"} onChange={() => setMaskMode("brush")} />
                Brush mask
              </label>
              <button type="button" onClick={() => setBrushMask(new Float32Array(784).fill(1))} className="underline">
                reset brush
              </button>
            </fieldset>
          )}
          {model.condition === "label" && (
            <label className="flex items-center gap-2 text-xs text-slate-400">
              Label of the image
              <select value={label} onChange={(e) => setLabel(Number(e.target.value))} className="rounded border border-slate-700 bg-slate-900 px-2 py-1 text-slate-200">
                {Array.from({ length: 10 }, (_, d) => <option key={d} value={d}>{d}</option>)}
              </select>
            </label>
          )}
        </div>
        <div className="space-y-3" data-testid="inpaint-result" data-picked={String(picked)}>
          <ResultCard title={canInpaint ? "Inpainting result" : "Reconstruction result"} kind={canInpaint ? "inpainting" : "reconstruction"} grid={result.main} meta={meta} context={context} tileSize={72} testId="inpaint-card" />
          <p className="tabular text-xs text-slate-500" data-testid="inpaint-ms">
            computed in {result.ms.toFixed(1)} ms
          </p>
        </div>
      </div>
      {result.samples && result.samples.cols > 0 && (
        <ResultCard title="Samples for the same mask" kind="inpainting" grid={result.samples} meta={{ ...meta, temperature: 1 }} context={context} tileSize={56}>
          <button type="button" onClick={() => setSeed((s) => s + 1)} className={`mb-2 ${buttonSmall}`}>
            Reseed samples
          </button>
        </ResultCard>
      )}
      {batch && (
        <ResultCard
          title={canInpaint ? "Test images with the centred hole" : "Test image reconstructions"}
          kind={canInpaint ? "inpainting" : "reconstruction"}
          grid={batch}
          meta={canInpaint ? { mask: maskBits(centredHoleMask(10)) } : {}}
          context={context}
          tileSize={40}
        />
      )}
    </div>
  );
}
