import { expect, test, type APIRequestContext } from "@playwright/test";
import { decodeGif } from "../unit/lib/images/gifFrames";
import { overflowProblems, seriousAxeViolations, waitUntilReady } from "./support/pageChecks";
import { prepareSite, type Site } from "./support/site";

/**
 * Every page of the app, with real data (a run still training, a finished one, a gallery item), at a
 * desktop and a phone size: no serious or critical axe-core violations, and on the phone nothing wider
 * than the screen. Screenshots of each are attached to the report.
 */
test.describe.configure({ mode: "serial" });

let site: Site;
let api: APIRequestContext;

test.beforeAll(async ({ playwright, baseURL }) => {
  test.setTimeout(300_000);
  // Its own request context: the test-scoped `request` fixture cannot be used again in afterAll.
  api = await playwright.request.newContext({ baseURL });
  site = await prepareSite(api);
});

test.afterAll(async () => {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed part-way
  await site?.stop();
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed part-way
  await api?.dispose();
});

const SIZES = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 360, height: 740 },
] as const;

for (const size of SIZES) {
  test(`${size.name} ${size.width}x${size.height}: every page has no serious axe violations${size.name === "phone" ? " and nothing wider than the screen" : ""}`, async ({
    browser,
  }, testInfo) => {
    test.setTimeout(300_000);
    const context = await browser.newContext({ viewport: { width: size.width, height: size.height } });
    const page = await context.newPage();
    const report: Record<string, string[]> = {};
    try {
      for (const { name, path, status } of site.pages) {
        const response = await page.goto(path);
        expect(response?.status(), `${name}: HTTP status`).toBe(status);
        await waitUntilReady(page, name);
        const problems = await seriousAxeViolations(page);
        if (size.name === "phone") problems.push(...(await overflowProblems(page)));
        report[name] = problems;
        await testInfo.attach(`${name} at ${size.width}x${size.height}`, {
          body: await page.screenshot({ fullPage: true }),
          contentType: "image/png",
        });
      }
    } finally {
      await context.close();
    }
    console.log(
      `${size.width}x${size.height}: ${Object.entries(report)
        .map(([p, v]) => `${p} ${v.length}`)
        .join(", ")}`,
    );
    expect(report).toEqual(Object.fromEntries(site.pages.map((p) => [p.name, []])));
  });
}

test("the live view's Download animation is a GIF with one frame per epoch", async ({ page }) => {
  await page.goto(`/s/${site.finishedSessionId}`);
  const grid = page.getByTestId("sample-grid").first();
  await expect(grid).toBeVisible({ timeout: 60_000 });
  const epochs = Number(await grid.getAttribute("data-epoch"));
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    grid.getByRole("link", { name: /^Download animation \(GIF\)/ }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^every-page-finished_[A-Za-z0-9_-]+_[a-z-]+_run-1-epochs-1-\d+\.gif$/);
  const { readFile } = await import("node:fs/promises");
  const gif = decodeGif(new Uint8Array(await readFile(await download.path())));
  expect(gif.frames).toHaveLength(epochs);
});
