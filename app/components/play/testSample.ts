"use client";

import { TestSampleResponseSchema } from "../../../lib/contracts/dataset";
import { parseResponse } from "../../client/apiErrors";

export interface TestSample {
  images: Uint8Array;
  labels: number[];
  n: number;
}

export async function fetchTestSample(n = 64): Promise<TestSample> {
  const res = await fetch(`/api/mnist/test-sample?n=${n}`);
  if (!res.ok) throw new Error(`Could not load test images (HTTP ${res.status}).`);
  const body = parseResponse(TestSampleResponseSchema, await res.json(), "/api/mnist/test-sample", res.status);
  const bin = atob(body.images);
  const images = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) images[i] = bin.charCodeAt(i);
  if (images.length !== body.n * 784) throw new Error("test images arrived truncated; reload to try again");
  return { images, labels: body.labels, n: body.n };
}
