"use client";

import { useEffect, useMemo, useState } from "react";
import { errorMessage } from "../../../lib/errors";
import type { PlayModel } from "../../../lib/play/playModel";
import type { DrawTool } from "./drawPadPaint";
import { chosenMask, inpaintOrReconstruct, maskBits, testBatchGrid } from "./inpaintResults";
import { fetchTestSample, type TestSample } from "./testSample";

const FULL_MASK = () => new Float32Array(784).fill(1);

/**
 * The inpainting panel's state: the test images, the picked or drawn image, the mask (centred hole or
 * brush), the tool and seed, and the results computed from them.
 */
export function useInpaint(model: PlayModel) {
  const canInpaint = model.condition === "inpaint";
  const [sample, setSample] = useState<TestSample | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<number | "drawn">(0);
  const [image, setImage] = useState<Uint8Array>(() => new Uint8Array(784));
  const [label, setLabel] = useState(0);
  const [maskMode, setMaskMode] = useState<"centre" | "brush">("centre");
  const [brushMask, setBrushMask] = useState<Float32Array>(FULL_MASK);
  const [tool, setTool] = useState<DrawTool>(canInpaint ? "hole" : "pen");
  const [seed, setSeed] = useState(1);

  useEffect(() => {
    fetchTestSample(64)
      .then((s) => {
        setSample(s);
        setImage(s.images.slice(0, 784));
        setLabel(s.labels[0] ?? 0);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  }, []);

  const mask = useMemo(() => chosenMask(maskMode, brushMask), [maskMode, brushMask]);
  const result = useMemo(
    () => inpaintOrReconstruct(model, { image, mask, seed, label }),
    [model, image, mask, seed, label],
  );
  const batch = useMemo(() => (sample ? testBatchGrid(model, sample) : null), [model, sample]);

  return {
    canInpaint,
    sample,
    error,
    picked,
    image,
    label,
    maskMode,
    mask,
    tool,
    result,
    batch,
    meta: { mask: maskBits(mask), seed, ...(model.condition === "label" ? { digit: label } : {}) },
    tools: (canInpaint ? ["hole", "pen", "eraser"] : ["pen", "eraser"]) satisfies DrawTool[],
    pick(i: number) {
      if (!sample) return;
      setPicked(i);
      setImage(sample.images.slice(i * 784, (i + 1) * 784));
      setLabel(sample.labels[i] ?? 0);
    },
    /** The pad drew: the image changes, and a hole stroke paints the brush mask (on top of the mask it showed). */
    drawn(next: { image: Uint8Array; mask: Float32Array }) {
      setPicked("drawn");
      setImage(next.image);
      if (canInpaint && tool === "hole") {
        setMaskMode("brush");
        setBrushMask(next.mask);
      }
    },
    clear() {
      setImage(new Uint8Array(784));
      setPicked("drawn");
    },
    setTool,
    setMaskMode,
    resetBrush: () => setBrushMask(FULL_MASK()),
    setLabel,
    reseed: () => setSeed((s) => s + 1),
  };
}

export type InpaintState = ReturnType<typeof useInpaint>;
