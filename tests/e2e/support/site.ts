import { expect, type APIRequestContext } from "@playwright/test";
import { gridToPng } from "../../../server/export/png";
import { createTinyPlaySession } from "../playSession";

/** Every kind of page the app has, with real data behind it, for the page-by-page checks (axe, phone layout). */
export interface Site {
  pages: { name: string; path: string; status: number }[];
  finishedSessionId: string;
  /** Stops the run that is kept training for the "live, mid-run" page. */
  stop(): Promise<void>;
}

const TINY = { trainSize: 1000, testSize: 100, batchSize: 50, encoderHidden: [32], decoderHidden: [32] };

/** A picture that looks like a grid of digits (noise, but 2x5 tiles of 28x28) for a gallery item. */
function gridPngBase64(): string {
  const pixels = new Uint8Array(10 * 784).map((_, i) => (i * 37) % 256);
  return gridToPng({ kind: "label-rows", rows: 2, cols: 5, pixels }).png.toString("base64");
}

export async function prepareSite(request: APIRequestContext): Promise<Site> {
  // Live, mid-run: many small epochs, so it is surely still training while the checks run. 6,000 images an epoch
  // (500 × 6,000 = the default MAX_RUN_IMAGES): with 1,000 the native step finished all 500 epochs in about a
  // minute, before the phone-size checks reached this page.
  const mid = await request.post("/api/sessions", {
    data: {
      title: "every page: training",
      runs: [{ preset: "vae-seed", overrides: { ...TINY, trainSize: 6000, epochs: 500 } }],
    },
  });
  expect(mid.status()).toBe(201);
  const running = (await mid.json()) as { id: string; ownerToken: string };

  const finished = await createTinyPlaySession(request, "every page: finished");
  await expect
    .poll(
      async () =>
        ((await (await request.get(`/api/sessions/${finished.id}`)).json()) as { runs: { status: string }[] }).runs.map(
          (r) => r.status,
        ),
      { timeout: 120_000 },
    )
    .toEqual(["done", "done"]);
  await expect
    .poll(
      async () => {
        const session = (await (await request.get(`/api/sessions/${running.id}`)).json()) as { runs: { id: string }[] };
        const metrics = (await (
          await request.get(`/api/sessions/${running.id}/runs/${session.runs[0]!.id}/metrics.json`)
        ).json()) as { epochs: unknown[] };
        return metrics.epochs.length;
      },
      { timeout: 120_000 },
    )
    .toBeGreaterThanOrEqual(2);

  const saved = await request.post("/api/gallery", {
    data: {
      sessionId: finished.id,
      checkpointId: null,
      kind: "label-grid",
      title: "Digits 0–9, one row each, saved by the every-page test with a title long enough to wrap on a phone",
      png: gridPngBase64(),
      meta: { epoch: 2, seed: 1, preset: "cvae-label" },
    },
  });
  expect(saved.status()).toBe(201);
  const itemId = ((await saved.json()) as { item: { id: string } }).item.id;

  return {
    finishedSessionId: finished.id,
    pages: [
      { name: "home", path: "/", status: 200 },
      { name: "live, mid-run", path: `/s/${running.id}`, status: 200 },
      { name: "live, finished", path: `/s/${finished.id}`, status: 200 },
      { name: "play", path: `/s/${finished.id}/play`, status: 200 },
      { name: "gallery", path: "/gallery", status: 200 },
      { name: "gallery item", path: `/g/${itemId}`, status: 200 },
      { name: "not found", path: "/no/such/page", status: 404 },
    ],
    async stop() {
      await request.post(`/api/sessions/${running.id}/control`, {
        data: { action: "stop" },
        headers: { Authorization: `Bearer ${running.ownerToken}` },
      });
    },
  };
}
