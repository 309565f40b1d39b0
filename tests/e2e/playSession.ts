import { expect, type APIRequestContext } from "@playwright/test";

/**
 * A session with two tiny runs (cvae-label latent 2, cvae-inpaint latent 4) that train in seconds,
 * for the Play e2e tests. Resolves once both runs have a checkpoint.
 */
export async function createTinyPlaySession(
  request: APIRequestContext,
  title = "e2e play",
): Promise<{ id: string; runIds: Record<string, string> }> {
  const tiny = { trainSize: 600, testSize: 100, epochs: 2, batchSize: 50, encoderHidden: [64], decoderHidden: [64] };
  const res = await request.post("/api/sessions", {
    data: {
      title,
      runs: [
        { preset: "cvae-label", overrides: { ...tiny, latentDim: 2 } },
        { preset: "cvae-inpaint", overrides: { ...tiny, latentDim: 4 } },
      ],
    },
  });
  expect(res.status()).toBe(201);
  const { id } = (await res.json()) as { id: string };
  const session = (await (await request.get(`/api/sessions/${id}`)).json()) as {
    runs?: { id: string; preset: string }[];
    session?: { runs: { id: string; preset: string }[] };
  };
  const runs = session.runs ?? session.session?.runs ?? [];
  const runIds = Object.fromEntries(runs.map((r) => [r.preset, r.id]));
  for (const runId of Object.values(runIds)) {
    await expect
      .poll(async () => (await request.get(`/api/sessions/${id}/checkpoints/latest/meta.json?run=${runId}`)).status(), {
        timeout: 90_000,
      })
      .toBe(200);
  }
  return { id, runIds };
}
