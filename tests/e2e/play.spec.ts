import { expect, test } from "@playwright/test";
import { PlayPage } from "./pages/PlayPage";
import { createTinyPlaySession } from "./playSession";

test("a visitor generates 7s and inpaints a test image, saves both; another visitor sees them live and on /gallery; a stranger cannot delete them", async ({
  browser,
  request,
}) => {
  const title = `e2e play ${Date.now()}`;
  const { id } = await createTinyPlaySession(request, title);

  const watcherContext = await browser.newContext();
  const watcher = new PlayPage(await watcherContext.newPage());
  await watcher.open(id);
  await expect(watcher.gallery()).toHaveAttribute("data-count", "0");

  const visitorContext = await browser.newContext();
  const visitor = new PlayPage(await visitorContext.newPage());
  await visitor.open(id);
  await expect(visitor.page.getByTestId("backend")).toHaveAttribute("data-backend", /^(wasm|webgl|cpu)$/);

  // A grid of 7s from the label CVAE.
  await visitor.useModel("cvae-label");
  await visitor.digitButton(7).click();
  await expect(visitor.digitButton(7)).toHaveAttribute("aria-pressed", "true");
  await expect(visitor.page.getByTestId("generated-grid")).toHaveAttribute("data-digit", "7");
  const sevensId = await visitor.save("Generated 7s");
  // Downloads say where the picture comes from, so two pictures never share a name.
  const [png] = await Promise.all([
    visitor.page.waitForEvent("download"),
    visitor.card("Generated 7s").getByRole("button", { name: "Download PNG: Generated 7s" }).click(),
  ]);
  expect(png.suggestedFilename()).toMatch(
    new RegExp(`^e2e-play-\\d+_${id}_generation_generated-7s_epoch\\d+_seed1\\.png$`),
  );

  // Inpaint the second test image with the seed's centred hole.
  await visitor.useModel("cvae-inpaint");
  await visitor.page.getByRole("button", { name: /^Test image 2,/ }).click();
  await expect(visitor.page.getByLabel("Centred 10x10 hole")).toBeChecked();
  await expect(visitor.page.getByTestId("inpaint-result")).toHaveAttribute("data-picked", "1");
  const inpaintId = await visitor.save("Inpainting result");

  // The other visitor sees both appear without reloading.
  await expect
    .poll(
      async () =>
        watcher
          .gallery()
          .getByTestId("gallery-item")
          .evaluateAll((els) => els.map((e) => e.getAttribute("data-id"))),
      {
        timeout: 15_000,
      },
    )
    .toEqual(expect.arrayContaining([sevensId, inpaintId]));

  // ... and on the public gallery page, newest first.
  await watcher.page.goto(`/gallery?session=${id}`);
  const ids = watcher.page.getByTestId("gallery-list").getByTestId("gallery-item");
  await expect(ids).toHaveCount(2);
  await expect(ids.first()).toHaveAttribute("data-id", inpaintId);
  await watcher.page.goto("/gallery");
  await expect(watcher.page.locator(`[data-testid="gallery-item"][data-id="${sevensId}"]`)).toBeVisible();
  // Filter by the session's title (not its id); each card names its session with a link.
  await watcher.page.getByLabel("From session").selectOption({ label: `${title} (2 pictures)` });
  await expect(watcher.page).toHaveURL(new RegExp(`/gallery\\?session=${id}$`));
  await expect(ids).toHaveCount(2);
  await expect(ids.first().getByTestId("gallery-item-session").getByRole("link", { name: title })).toHaveAttribute(
    "href",
    `/s/${id}`,
  );

  // A stranger (no author token) is refused, in the API and in the UI (no Delete button).
  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  for (const itemId of [sevensId, inpaintId]) {
    const res = await strangerPage.request.delete(`/api/gallery/${itemId}`);
    expect(res.status()).toBe(403);
  }
  await strangerPage.goto(`/g/${sevensId}`);
  await expect(strangerPage.getByTestId("gallery-item-page")).toBeVisible();
  await expect(strangerPage.getByRole("link", { name: "Open the session" })).toHaveAttribute("href", `/s/${id}`);
  await expect(strangerPage.getByRole("button", { name: "Delete" })).toHaveCount(0);
  expect((await strangerPage.request.get(`/api/gallery/${sevensId}`)).status()).toBe(200);

  // The author can.
  await visitor.page.goto(`/g/${inpaintId}`);
  await visitor.page.getByRole("button", { name: "Delete" }).click();
  await expect(visitor.page.getByText("Deleted.")).toBeVisible();
  await Promise.all([watcherContext.close(), visitorContext.close(), stranger.close()]);
});
