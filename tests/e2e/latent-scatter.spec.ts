import { expect, test, type Page } from "@playwright/test";
import { SessionPage } from "./pages/SessionPage";
import { seriousAxeViolations } from "./support/pageChecks";

/**
 * The latent scatter, live: two viewers in separate browser contexts watch one run (latent 8, so the picture is a
 * PCA projection) and see a scatter appear at every epoch; at the end the comparison table shows the run's
 * evaluation. Then the play view's map: a click decodes the place under it, arrow keys and Enter decode another.
 */

const EPOCHS = 4;
/**
 * ~0.5 s an epoch on an idle machine (more under load): long enough that each epoch's scatter reaches the pages on
 * its own. A smaller model finished its four epochs in ~0.15 s there, faster than a page renders them one by one.
 */
const RUN = {
  preset: "vae-seed",
  overrides: {
    trainSize: 30_000,
    testSize: 300,
    batchSize: 100,
    epochs: EPOCHS,
    encoderHidden: [256, 256],
    decoderHidden: [256, 256],
    latentDim: 8,
  },
};

/** Records every epoch the page's first scatter shows, as it changes (a MutationObserver on its data-epoch). */
async function recordEpochs(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __epochs: string[] };
    w.__epochs = [];
    const note = () => {
      const e = document.querySelector('[data-testid="latent-scatter"]')?.getAttribute("data-epoch") ?? "";
      if (e && w.__epochs.at(-1) !== e) w.__epochs.push(e);
    };
    new MutationObserver(note).observe(document.body, {
      subtree: true,
      attributes: true,
      childList: true,
      attributeFilter: ["data-epoch"],
    });
    note();
  });
}

const seenEpochs = (page: Page) =>
  page.evaluate(() => (window as unknown as { __epochs: string[] }).__epochs.map(Number));

/** Pixels of a canvas that differ from its dark tile: points drawn. */
const paintedPixels = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4)
        if (Math.abs(d[i]! - 15) + Math.abs(d[i + 1]! - 23) + Math.abs(d[i + 2]! - 42) > 60) n++;
      return n;
    });

test("two viewers see the latent scatter appear at every epoch; the finished run's evaluation fills the table", async ({
  browser,
  request,
}) => {
  test.slow();
  const created = await request.post("/api/sessions", {
    data: { title: "e2e latent scatter", runs: [RUN], autostart: false },
  });
  expect(created.status()).toBe(201);
  const { id, ownerToken } = (await created.json()) as { id: string; ownerToken: string };
  const contexts = [await browser.newContext(), await browser.newContext()];
  try {
    const viewers = await Promise.all(contexts.map(async (c) => new SessionPage(await c.newPage())));
    for (const v of viewers) {
      await v.goto(id);
      await recordEpochs(v.page);
    }
    const started = await request.post(`/api/sessions/${id}/control`, {
      data: { action: "start" },
      headers: { Authorization: `Bearer ${ownerToken}` },
    });
    expect(started.status()).toBe(200);

    for (const v of viewers) {
      const scatter = v.page.getByTestId("latent-scatter");
      await expect(scatter).toHaveAttribute("data-epoch", String(EPOCHS), { timeout: 120_000 });
      await expect(scatter).toHaveAttribute("data-points", "300");
      const seen = await seenEpochs(v.page);
      expect(seen, "epochs only move forward").toEqual([...seen].sort((a, b) => a - b));
      expect(seen.length, `a scatter per epoch reached the page live (saw ${seen.join(", ")})`).toBeGreaterThanOrEqual(
        EPOCHS - 1,
      );
      expect(await paintedPixels(v.page, '[data-testid="latent-scatter"] canvas')).toBeGreaterThan(200);
      await expect(scatter.getByText(/300 test images, labels/)).toBeVisible();
      await expect(scatter.getByText(/PCA of the 8-D latent/)).toBeVisible();
      // The epoch slider replays earlier scatters.
      await scatter.getByLabel("Scatter epoch").fill("0");
      await expect(scatter).toHaveAttribute("data-epoch", "1");
    }

    const table = viewers[0]!.page.getByTestId("comparison");
    await expect(table).toBeVisible({ timeout: 120_000 });
    await expect(table.getByTestId("comparison-row")).toHaveAttribute("data-evaluated", "yes");
    await expect(table).toContainText("k = 100 on 300 test images");
    const csv = await request.get(`/api/sessions/${id}/comparison.csv`);
    expect(csv.status()).toBe(200);
    expect((await csv.text()).split("\r\n")[1]).toMatch(/^[A-Za-z0-9_-]+,vae-seed,mnist,none,standard,8,4,/);
    expect(await seriousAxeViolations(viewers[0]!.page)).toEqual([]);

    // The play view's map (latent 8: the PCA plane), decoded in the browser.
    const page = viewers[1]!.page;
    await page.goto(`/s/${id}/play`);
    const map = page.getByTestId("scatter-map");
    await expect(map).toBeVisible({ timeout: 90_000 });
    await expect(map).toHaveAttribute("data-epoch", String(EPOCHS));
    const canvas = page.getByTestId("scatter-map-canvas").locator("canvas");
    const box = (await canvas.boundingBox())!;
    const decoded = () =>
      page
        .getByTestId("scatter-map-result")
        .locator("canvas")
        .evaluate((c: HTMLCanvasElement) => c.toDataURL());
    await canvas.click({ position: { x: box.width * 0.3, y: box.height * 0.4 } });
    await expect(page.getByTestId("scatter-map-status")).toContainText("Decoded the plane's point");
    const first = await decoded();
    await canvas.click({ position: { x: box.width * 0.75, y: box.height * 0.7 } });
    await expect.poll(decoded).not.toBe(first);
    const second = await decoded();
    // Keyboard: focus the map, move the cursor, Enter decodes there.
    await page.getByTestId("scatter-map-canvas").focus();
    for (let i = 0; i < 8; i++) await page.keyboard.press("Shift+ArrowUp");
    await page.keyboard.press("Enter");
    await expect.poll(decoded).not.toBe(second);
    expect(await seriousAxeViolations(page)).toEqual([]);
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
});
