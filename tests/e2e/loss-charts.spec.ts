import { expect, test, type APIRequestContext } from "@playwright/test";
import { LossChartsPanel } from "./pages/LossChartsPanel";

/**
 * The loss charts on a real seed comparison (two tiny runs training): hover reads values, drag zooms and
 * double-click shows all, the legend switches runs off, new points reach the same canvas, and the keyboard
 * does all of it too. Screenshots at 1280 and 360 px are attached.
 */
test.describe.configure({ mode: "serial" });

const TINY = { trainSize: 1000, testSize: 100, batchSize: 50, encoderHidden: [32], decoderHidden: [32], epochs: 300 };
const STEP_CHART = "Train loss per step";
const EPOCH_CHART = "Test negative ELBO per epoch";

let session: { id: string; ownerToken: string };
let api: APIRequestContext;

test.beforeAll(async ({ playwright, baseURL }) => {
  api = await playwright.request.newContext({ baseURL });
  const res = await api.post("/api/sessions", {
    data: {
      title: "loss charts",
      runs: [
        { preset: "vae-seed", overrides: TINY },
        { preset: "cvae-label", overrides: TINY },
      ],
    },
  });
  expect(res.status()).toBe(201);
  session = (await res.json()) as { id: string; ownerToken: string };
});

test.afterAll(async () => {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed part-way
  await api?.post(`/api/sessions/${session.id}/control`, {
    data: { action: "stop" },
    headers: { Authorization: `Bearer ${session.ownerToken}` },
  });
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed part-way
  await api?.dispose();
});

async function openWithPoints(page: import("@playwright/test").Page, min = 40) {
  await page.goto(`/s/${session.id}`);
  const charts = new LossChartsPanel(page);
  await expect.poll(() => charts.pointCount(), { timeout: 90_000 }).toBeGreaterThan(min);
  await expect(charts.chart(EPOCH_CHART)).toBeVisible({ timeout: 90_000 });
  return charts;
}

test("hover shows both runs' values under the crosshair; drag zooms in, double-click and Reset zoom show all again", async ({
  page,
}) => {
  test.slow();
  const charts = await openWithPoints(page);
  await expect(charts.readout(STEP_CHART)).toContainText("latest");
  await expect(charts.readout(STEP_CHART)).toContainText("VAE (seed) loss");
  await expect(charts.readout(STEP_CHART)).toContainText("CVAE on labels loss");

  const atMiddle = await charts.hoverAt(STEP_CHART, 0.5);
  expect(atMiddle).toMatch(/^step [\d,]+VAE \(seed\) loss [\d.]+CVAE on labels loss [\d.]+$/);
  const leftBefore = LossChartsPanel.readoutX(await charts.hoverAt(STEP_CHART, 0.02));

  await charts.dragZoom(STEP_CHART, 0.5, 0.9);
  await expect(charts.resetZoom(STEP_CHART)).toBeVisible();
  const leftZoomed = LossChartsPanel.readoutX(await charts.hoverAt(STEP_CHART, 0.02));
  expect(leftZoomed).toBeGreaterThan(leftBefore);
  // New points keep arriving: the zoom holds.
  const count = await charts.pointCount();
  await expect.poll(() => charts.pointCount(), { timeout: 60_000 }).toBeGreaterThan(count + 2);
  await expect(charts.resetZoom(STEP_CHART)).toBeVisible();

  const box = await charts.plotBox(STEP_CHART);
  await page.mouse.dblclick(box.x + box.width / 2, box.y + box.height / 2);
  await expect(charts.resetZoom(STEP_CHART)).toHaveCount(0);
  expect(LossChartsPanel.readoutX(await charts.hoverAt(STEP_CHART, 0.02))).toBeLessThan(leftZoomed);

  await charts.dragZoom(STEP_CHART, 0.3, 0.6);
  await charts.resetZoom(STEP_CHART).click();
  await expect(charts.resetZoom(STEP_CHART)).toHaveCount(0);

  // Leaving the plot goes back to the latest values.
  await page.mouse.move(0, 0);
  await expect(charts.readout(STEP_CHART)).toContainText("latest");
});

test("live points reach the same canvas (no rebuild per point); a legend button hides a run's lines in both charts", async ({
  page,
}) => {
  test.slow();
  const charts = await openWithPoints(page);
  const canvas = await charts.chart(STEP_CHART).locator("canvas").elementHandle();
  const count = await charts.pointCount();
  await expect.poll(() => charts.pointCount(), { timeout: 60_000 }).toBeGreaterThan(count + 3);
  expect(await canvas.evaluate((c) => c.isConnected)).toBe(true);

  const vae = charts.legendButton("VAE (seed)");
  await expect(vae).toHaveAttribute("aria-pressed", "true");
  await vae.click();
  await expect(vae).toHaveAttribute("aria-pressed", "false");
  await expect(charts.readout(STEP_CHART)).not.toContainText("VAE (seed) loss");
  await expect(charts.readout(STEP_CHART)).toContainText("CVAE on labels loss");
  await expect(charts.readout(EPOCH_CHART)).not.toContainText("VAE (seed)");
  await vae.click();
  await expect(charts.readout(STEP_CHART)).toContainText("VAE (seed) loss");
});

test("a keyboard cursor stays on its step while new points rescale the live chart", async ({ page }) => {
  test.slow();
  const charts = await openWithPoints(page);
  // The mouse rests outside the plot: only the keyboard places the cursor.
  await page.mouse.move(0, 0);
  await charts.chart(STEP_CHART).focus();
  // Next to the newest point: the pixel it sits at shows a much later step once points arrive.
  await page.keyboard.press("End");
  await page.keyboard.press("ArrowLeft");
  await expect(charts.announcement(STEP_CHART)).toHaveText(/^step [\d,]+: /);
  const readoutX = async () => LossChartsPanel.readoutX((await charts.readout(STEP_CHART).textContent())!);
  const placed = LossChartsPanel.readoutX((await charts.announcement(STEP_CHART).textContent())!);
  expect(await readoutX()).toBe(placed);
  // Training goes on: the view widens under the cursor's pixel.
  const before = await charts.pointCount();
  await expect.poll(() => charts.pointCount(), { timeout: 60_000 }).toBeGreaterThan(before + 40);
  expect(await readoutX()).toBe(placed);
  // The next keys start from the step the cursor shows: → then ← come back to it.
  await page.keyboard.press("ArrowRight");
  await expect
    .poll(async () => LossChartsPanel.readoutX((await charts.announcement(STEP_CHART).textContent())!))
    .toBeGreaterThan(placed);
  await page.keyboard.press("ArrowLeft");
  await expect
    .poll(async () => LossChartsPanel.readoutX((await charts.announcement(STEP_CHART).textContent())!))
    .toBe(placed);
  expect(await readoutX()).toBe(placed);
});

test("keyboard: controls and legend are labelled stops; on a focused chart arrows read values aloud, + and − zoom, 0 shows all", async ({
  page,
}) => {
  test.slow();
  const charts = await openWithPoints(page);
  // The runs pause first, so each key's effect is checked on a still chart (the test above covers a live one).
  const paused = await api.post(`/api/sessions/${session.id}/control`, {
    data: { action: "pause" },
    headers: { Authorization: `Bearer ${session.ownerToken}` },
  });
  expect(paused.ok()).toBe(true);
  await expect
    .poll(
      async () => {
        const before = await charts.pointCount();
        await page.waitForTimeout(500);
        return (await charts.pointCount()) - before;
      },
      { timeout: 30_000 },
    )
    .toBe(0);
  // Every control is reachable with Tab, in the order shown, by its visible name.
  const stops: string[] = [];
  await charts.legendButton("VAE (seed)").focus();
  for (let i = 0; i < 6; i++) {
    if (i > 0) await page.keyboard.press("Tab");
    stops.push(
      await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
        return `${el.getAttribute("role") ?? el.tagName.toLowerCase()}:${(el.getAttribute("aria-label") ?? label ?? el.textContent).trim()}`;
      }),
    );
  }
  expect(stops).toEqual([
    "button:VAE (seed)",
    "button:CVAE on labels",
    "input:Smoothing",
    "input:Log scale",
    "input:Show recon / KL",
    `group:${STEP_CHART}`,
  ]);

  // Focus is now on the step chart.
  await expect(charts.chart(STEP_CHART)).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await expect(charts.announcement(STEP_CHART)).toHaveText(
    /^step [\d,]+: VAE \(seed\) loss [\d.]+, CVAE on labels loss [\d.]+ nats per image\.$/,
  );
  const spokenX = async () => LossChartsPanel.readoutX((await charts.announcement(STEP_CHART).textContent())!);
  const first = await spokenX();
  await page.keyboard.press("Shift+ArrowLeft");
  await expect.poll(spokenX).toBeLessThan(first);
  const tenBack = await spokenX();
  // Home: the first point; one more ← stays there.
  await page.keyboard.press("Home");
  await expect.poll(spokenX).toBeLessThan(tenBack);
  const home = await spokenX();
  await page.keyboard.press("ArrowLeft");
  expect(await spokenX()).toBe(home);

  await page.keyboard.press("+");
  await expect(charts.announcement(STEP_CHART)).toHaveText(/^Zoomed to step [\d,]+ to [\d,]+ of [\d,]+ to [\d,]+\.$/);
  await expect(charts.resetZoom(STEP_CHART)).toBeVisible();
  await page.keyboard.press("0");
  await expect(charts.announcement(STEP_CHART)).toHaveText(/^Showing every step, [\d,]+ to [\d,]+\.$/);
  await expect(charts.resetZoom(STEP_CHART)).toHaveCount(0);

  // The controls work from the keyboard too: Space ticks Log scale, and the chart stays.
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Shift+Tab");
  await expect(page.getByLabel("Log scale")).toBeFocused();
  await page.keyboard.press("Space");
  await expect(page.getByLabel("Log scale")).toBeChecked();
  await expect(charts.chart(STEP_CHART).locator("canvas")).toBeVisible();
  await page.getByLabel("Smoothing").focus();
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByLabel("Smoothing")).toHaveValue("0.59");
});

for (const size of [
  { width: 1280, height: 900 },
  { width: 360, height: 740 },
]) {
  test(`screenshot of the charts at ${size.width} px, hovering`, async ({ browser }, testInfo) => {
    test.slow();
    const context = await browser.newContext({ viewport: size });
    const page = await context.newPage();
    try {
      const charts = await openWithPoints(page);
      await charts.panel.scrollIntoViewIfNeeded();
      const box = await charts.plotBox(STEP_CHART);
      // Chart width follows its container: never wider than the phone.
      expect(box.x + box.width).toBeLessThanOrEqual(size.width);
      await charts.hoverAt(STEP_CHART, 0.6);
      const path = testInfo.outputPath(`loss-charts-${size.width}.png`);
      await charts.panel.screenshot({ path });
      await testInfo.attach(`loss charts at ${size.width} px`, { path, contentType: "image/png" });
      console.log(`screenshot: ${path}`);
    } finally {
      await context.close();
    }
  });
}
