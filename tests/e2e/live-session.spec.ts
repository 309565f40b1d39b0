import { expect, test } from "@playwright/test";
import { HomePage } from "./pages/HomePage";
import { SessionPage } from "./pages/SessionPage";

/**
 * Two actors in separate browser contexts (separate cookies): the owner creates a tiny session from
 * the form, the viewer opens the share link and watches it train live. Each epoch is small (20 steps
 * of 50 images, a 32-unit model) so points and grids arrive within seconds even on a loaded 2-core
 * machine, but not so small that epochs (grids, checkpoints) flood the pages; epochs are many so the
 * run is surely still training when we pause it (deleting the session ends it).
 */
const TINY = {
  Epochs: "500",
  "Batch size": "50",
  "Train size": "1000",
};
const TINY_ADVANCED = {
  "Test size": "100",
  "Encoder hidden layers": "32",
  "Decoder hidden layers": "32",
};

test("owner trains, viewer watches live and sees no owner controls, owner pauses", async ({ browser }) => {
  // Two pages plus a training worker on a shared 2-core machine: give it triple the default time.
  test.slow();
  const ownerContext = await browser.newContext();
  const viewerContext = await browser.newContext();
  try {
    const home = new HomePage(await ownerContext.newPage());
    await home.goto();
    await home.choosePreset("VAE (seed)");

    // Inline validation speaks the shared zod schema and blocks Train.
    await home.fill({ "Latent size": "1" });
    expect(await home.fieldMessage("Latent size")).toBe("latent size must be at least 2");
    await expect(home.trainButton).toBeDisabled();
    await home.fill({ "Latent size": "8", ...TINY });
    await home.openMoreSettings();
    await home.fill(TINY_ADVANCED);
    await expect(home.trainButton).toBeEnabled();

    const sessionId = await home.train();
    const owner = new SessionPage(home.page);
    await expect(owner.title).toBeVisible();
    await expect(owner.controlLinkNotice).toContainText("keep this private");
    await expect(owner.ownerControls).toBeVisible();

    const viewer = new SessionPage(await viewerContext.newPage());
    await viewer.goto(sessionId);
    await expect(viewer.ownerControls).toHaveCount(0);
    await expect(viewer.page.getByTestId("run-controls")).toHaveCount(0);
    await expect(viewer.page.getByRole("button", { name: "Fork" })).toBeVisible();
    await expect.poll(() => viewer.presenceCount()).toBe(2);

    // Live: loss points keep arriving without a reload, and sample grids appear.
    await expect.poll(() => viewer.lossPointCount(), { timeout: 60_000 }).toBeGreaterThan(0);
    const before = await viewer.lossPointCount();
    await expect.poll(() => viewer.lossPointCount(), { timeout: 60_000 }).toBeGreaterThan(before);
    await expect(viewer.sampleGrids.first()).toBeVisible({ timeout: 60_000 });
    await expect(viewer.sampleGrids.first()).toHaveAttribute("data-epoch", /^\d+$/);

    // The epoch slider (shown once two epochs have grids) scrubs back in history by keyboard;
    // older grids come over HTTP while newer epochs keep arriving.
    const slider = viewer.page.getByRole("slider", { name: "Epoch", exact: true }); // not the scatter's "Scatter epoch"
    await expect(slider).toBeVisible({ timeout: 60_000 });
    await slider.focus();
    await slider.press("Home");
    await expect(viewer.sampleGrids.first()).toHaveAttribute("data-epoch", "1");

    // The owner pauses; the viewer sees it.
    await expect.poll(() => owner.runStatus()).toBe("training");
    await owner.control("Pause");
    await expect.poll(() => owner.runStatus()).toBe("paused");
    await expect.poll(() => viewer.runStatus()).toBe("paused");
    await expect(viewer.page.getByTestId("run-status").first()).toHaveText("paused");

    // Clean up: deleting tells the viewer, who needs no reload to find out.
    await owner.deleteSession();
    await expect(viewer.connectionBanner).toHaveAttribute("data-state", "deleted");
  } finally {
    await ownerContext.close();
    await viewerContext.close();
  }
});

test("a control link makes a fresh browser the owner and is stripped from the address bar", async ({
  browser,
  request,
}) => {
  const res = await request.post("/api/sessions", {
    data: {
      title: "claim test",
      runs: [
        {
          preset: "vae-pytorch",
          overrides: {
            epochs: 1,
            trainSize: 100,
            testSize: 50,
            batchSize: 50,
            encoderHidden: [16],
            decoderHidden: [16],
          },
        },
      ],
      autostart: false,
    },
  });
  expect(res.status()).toBe(201);
  const created = (await res.json()) as { id: string; controlUrl: string };
  const context = await browser.newContext();
  try {
    const page = new SessionPage(await context.newPage());
    await page.goto(created.controlUrl);
    await expect(page.ownerControls).toBeVisible();
    expect(new URL(page.page.url()).searchParams.has("owner")).toBe(false);
    await page.deleteSession();
    await page.page.waitForURL((url) => url.pathname === "/");
  } finally {
    await context.close();
  }
});
