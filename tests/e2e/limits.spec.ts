import { expect, test } from "@playwright/test";
import { HomePage } from "./pages/HomePage";
import { overflowProblems, seriousAxeViolations } from "./support/pageChecks";

/** Issue 10, as a visitor meets it: this server's limits before Train, and a model over them refused before sending. */

test("the home form shows this server's limits before Train and refuses a model over them, accessibly, also at 360 px", async ({
  page,
}) => {
  const home = new HomePage(page);
  await home.goto();
  const budget = page.getByTestId("run-budget");
  await expect(budget).toContainText("Model size: 0.55 M parameters of 8 M allowed");
  await expect(budget).toContainText(/Server memory: about \d+ MB of 1,536 MB allowed/);
  await expect(budget).toContainText("Training images: 600,000 (10 epochs × 60,000) of 3,000,000 allowed");
  await expect(budget).toContainText("Up to 8 of your runs may wait or train at once");
  await expect(home.trainButton).toBeEnabled();

  await home.openMoreSettings();
  await home.fill({
    "Encoder hidden layers": "2048, 2048, 2048, 2048",
    "Decoder hidden layers": "2048, 2048, 2048, 2048",
    "Latent size": "64",
  });
  const problems = page.getByTestId("budget-problems");
  await expect(problems).toBeVisible();
  await expect(problems).toContainText(
    /28,787,600 parameters; this server allows at most 8,000,000 \(MAX_MODEL_PARAMS\)/,
  );
  // 28.8 M parameters: over the size limit, and (about 2.6 GB) over the memory estimate's; the images are fine.
  await expect(budget.locator("[data-over]")).toHaveText([/^Model size:/, /^Server memory:/]);
  await expect(home.trainButton).toBeDisabled();
  expect(await seriousAxeViolations(page)).toEqual([]);

  await page.setViewportSize({ width: 360, height: 740 });
  await problems.scrollIntoViewIfNeeded();
  expect(await overflowProblems(page)).toEqual([]);
  expect(await seriousAxeViolations(page)).toEqual([]);

  await home.fill({ "Encoder hidden layers": "256, 256", "Decoder hidden layers": "256, 256" });
  await expect(problems).toHaveCount(0);
  await expect(home.trainButton).toBeEnabled();
});

test("pages and their assets are sent with X-Content-Type-Options: nosniff", async ({ page, request }) => {
  const res = await page.goto("/");
  expect(res?.headers()["x-content-type-options"]).toBe("nosniff");
  const script = await page.locator("script[src]").first().getAttribute("src");
  expect(script).toBeTruthy();
  expect((await request.get(script!)).headers()["x-content-type-options"]).toBe("nosniff");
  expect((await request.get("/no/such/page")).headers()["x-content-type-options"]).toBe("nosniff");
  expect((await request.get("/api/limits")).headers()["x-content-type-options"]).toBe("nosniff");
});

test("page paths with malformed percent-encoding answer 400, not 500", async ({ request }) => {
  for (const path of ["/s/%ZZ", "/s/%", "/s/%E0%A4%A/play", "/g/%C0%AF"]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(400);
    expect(res.headers()["x-content-type-options"]).toBe("nosniff");
  }
});
