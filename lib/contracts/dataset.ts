import { z } from "zod";

/** GET /api/mnist/test-sample?n=&offset=: test images for the Play view to inpaint or reconstruct. */
export const TestSampleResponseSchema = z.object({
  n: z.number().int(),
  offset: z.number().int(),
  /** base64 of n · 784 bytes (0..255, row-major 28x28 per image). */
  images: z.string(),
  labels: z.array(z.number().int().min(0).max(9)),
});
export type TestSampleResponse = z.infer<typeof TestSampleResponseSchema>;
