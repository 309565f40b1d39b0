import { expect, test, type Page } from "@playwright/test";
import { createTinyPlaySession } from "./playSession";

/** Page object of /s/<id>/play. */
class PlayPage {
  constructor(readonly page: Page) {}

  async open(sessionId: string) {
    await this.page.goto(`/s/${sessionId}/play`);
    await expect(this.page.getByTestId("play-panels")).toBeVisible({ timeout: 90_000 });
  }

  /** Picks the run whose preset is `preset` in the Model select and waits for its model. */
  async useModel(preset: "cvae-label" | "cvae-inpaint") {
    const select = this.page.getByLabel("Model", { exact: true });
    const value = await select.locator("option", { hasText: preset }).getAttribute("value");
    await select.selectOption(value!);
    const condition = preset === "cvae-label" ? "label" : "inpaint";
    await expect(this.page.getByTestId("play-panels")).toHaveAttribute("data-condition", condition, { timeout: 60_000 });
  }

  card(name: string) {
    return this.page.getByRole("region", { name, exact: true });
  }

  async save(cardName: string) {
    const card = this.card(cardName);
    await card.getByRole("button", { name: `Save ${cardName} to the gallery`, exact: true }).click();
    await expect(card.getByRole("status")).toContainText("Saved as", { timeout: 15_000 });
    return ((await card.getByRole("status").innerText()).match(/Saved as (\S+)/) ?? [])[1]!;
  }

  gallery() {
    return this.page.getByTestId("gallery-strip");
  }
}

test("a visitor generates 7s and inpaints a test image, saves both; another visitor sees them live and on /gallery; a stranger cannot delete them", async ({
  browser,
  request,
}) => {
  const { id } = await createTinyPlaySession(request);

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
  await visitor.page.getByRole("button", { name: "Generate 7s" }).click();
  await expect(visitor.page.getByTestId("generated-grid")).toHaveAttribute("data-digit", "7");
  const sevensId = await visitor.save("Generated 7s");

  // Inpaint the second test image with the seed's centred hole.
  await visitor.useModel("cvae-inpaint");
  await visitor.page.getByRole("button", { name: /^Test image 2,/ }).click();
  await expect(visitor.page.getByLabel("Centred 10x10 hole")).toBeChecked();
  await expect(visitor.page.getByTestId("inpaint-result")).toHaveAttribute("data-picked", "1");
  const inpaintId = await visitor.save("Inpainting result");

  // The other visitor sees both appear without reloading.
  await expect.poll(async () => watcher.gallery().getByTestId("gallery-item").evaluateAll((els) => els.map((e) => e.getAttribute("data-id"))), {
    timeout: 15_000,
  }).toEqual(expect.arrayContaining([sevensId, inpaintId]));

  // ... and on the public gallery page, newest first.
  await watcher.page.goto(`/gallery?session=${id}`);
  const ids = watcher.page.getByTestId("gallery-list").getByTestId("gallery-item");
  await expect(ids).toHaveCount(2);
  await expect(ids.first()).toHaveAttribute("data-id", inpaintId);
  await watcher.page.goto("/gallery");
  await expect(watcher.page.locator(`[data-testid="gallery-item"][data-id="${sevensId}"]`)).toBeVisible();

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
