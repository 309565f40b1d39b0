import { expect, test } from "@playwright/test";

const tiny = { trainSize: 6000, testSize: 2000, batchSize: 100, epochs: 5, encoderHidden: [256], decoderHidden: [256] };
test("screenshots", async ({ browser, request }) => {
  test.setTimeout(600_000);
  const res = await request.post("/api/sessions", { data: { title: "Seed comparison (small)", runs: [{ preset: "vae-seed", overrides: tiny }, { preset: "cvae-label", overrides: tiny }] } });
  const { id } = (await res.json()) as { id: string };
  await expect.poll(async () => ((await (await request.get(`/api/sessions/${id}/comparison.json`)).json()) as { evaluations: unknown[] }).evaluations.length, { timeout: 500_000 }).toBe(2);
  for (const [w, h] of [[1280, 900], [360, 740]] as const) {
    const ctx = await browser.newContext({ viewport: { width: w, height: h } });
    const page = await ctx.newPage();
    await page.goto(`/s/${id}`);
    await expect(page.getByTestId("comparison")).toBeVisible({ timeout: 60_000 });
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `/tmp/shots/session-${w}.png`, fullPage: true });
    await page.locator('section[aria-labelledby="latent-h"]').screenshot({ path: `/tmp/shots/session-scatter-${w}.png` });
    await page.getByTestId("comparison").screenshot({ path: `/tmp/shots/comparison-${w}.png` });
    await page.goto(`/s/${id}/play`);
    const map = page.getByTestId("scatter-map");
    await expect(map).toBeVisible({ timeout: 90_000 });
    const canvas = page.getByTestId("scatter-map-canvas").locator("canvas");
    const box = (await canvas.boundingBox())!;
    await canvas.click({ position: { x: box.width * 0.35, y: box.height * 0.4 } });
    await page.waitForTimeout(500);
    await page.screenshot({ path: `/tmp/shots/play-${w}.png`, fullPage: true });
    await page.locator('section[aria-labelledby="map-h"]').screenshot({ path: `/tmp/shots/play-map-${w}.png` });
    await ctx.close();
  }
  console.log("SESSION", id);
});
