"use client";

import { z } from "zod";

/** GET /api/mnist/test-sample?n= : { n, offset, images: base64 of n*784 bytes, labels: number[] }. */
const TestSampleSchema = z.object({
  n: z.number().int(),
  offset: z.number().int(),
  images: z.string(),
  labels: z.array(z.number().int().min(0).max(9)),
});

export interface TestSample {
  images: Uint8Array;
  labels: number[];
  n: number;
}

export async function fetchTestSample(n = 64): Promise<TestSample> {
  const res = await fetch(`/api/mnist/test-sample?n=${n}`);
  if (!res.ok) throw new Error(`Could not load test images (HTTP ${res.status}).`);
  const body = TestSampleSchema.parse(await res.json());
  const bin = atob(body.images);
  const images = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) images[i] = bin.charCodeAt(i);
  if (images.length !== body.n * 784) throw new Error("test images arrived truncated; reload to try again");
  return { images, labels: body.labels, n: body.n };
}
