import { z } from "zod";
import type { TestSampleResponse } from "../../lib/contracts/dataset";
import { testSample } from "../gallery/testSample";
import { AppError, invalidInput } from "../errors";
import { sendJson } from "./respond";
import type { Route } from "./router";

const TestSampleQuerySchema = z.object({
  n: z.coerce.number().int().min(1).max(256).default(64),
  offset: z.coerce.number().int().min(0).max(9999).default(0),
});

/**
 * GET /api/mnist/test-sample?n=64&offset=0 -> { n, offset, images: base64 of n*784 bytes (0..255,
 * row-major 28x28 per image), labels: number[] }: the pictures the Play view inpaints or reconstructs.
 */
export function datasetRoutes(): Route[] {
  return [
    {
      method: "GET",
      path: "/api/mnist/test-sample",
      handler: ({ res, query }) => {
        const parsed = TestSampleQuerySchema.safeParse(Object.fromEntries(query));
        if (!parsed.success) throw invalidInput(parsed.error);
        const { n, offset } = parsed.data;
        if (offset + n > 10000) throw new AppError("bad_request", "offset + n must be at most 10000 (the test split)");
        const s = testSample(n, offset);
        sendJson(
          res,
          200,
          {
            n,
            offset,
            images: Buffer.from(s.images.buffer, s.images.byteOffset, s.images.byteLength).toString("base64"),
            labels: s.labels,
          } satisfies TestSampleResponse,
          { "Cache-Control": "public, max-age=86400" },
        );
      },
    },
  ];
}
