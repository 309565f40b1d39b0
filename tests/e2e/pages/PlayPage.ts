import { expect, type Locator, type Page } from "@playwright/test";

/** Page object of /s/<id>/play. */
export class PlayPage {
  constructor(readonly page: Page) {}

  async open(sessionId: string) {
    await this.page.goto(`/s/${sessionId}/play`);
    await expect(this.page.getByTestId("play-panels")).toBeVisible({ timeout: 90_000 });
  }

  /** Picks the run whose preset is `preset` in the Model select and waits for its model. */
  async useModel(preset: "cvae-label" | "cvae-inpaint") {
    const select = this.page.getByLabel("Model", { exact: true });
    const value = await select.locator("option", { hasText: preset }).getAttribute("value");
    await select.selectOption(value);
    const condition = preset === "cvae-label" ? "label" : "inpaint";
    await expect(this.page.getByTestId("play-panels")).toHaveAttribute("data-condition", condition, {
      timeout: 60_000,
    });
  }

  /** The digit buttons of a label model: named by their digit alone ("7"), as they read. */
  digitButton(digit: number): Locator {
    return this.page
      .getByRole("group", { name: "Digit to generate" })
      .getByRole("button", { name: String(digit), exact: true });
  }

  card(name: string) {
    return this.page.getByRole("region", { name, exact: true });
  }

  async save(cardName: string) {
    const card = this.card(cardName);
    await card.getByRole("button", { name: `Save to gallery: ${cardName}`, exact: true }).click();
    await expect(card.getByRole("status")).toContainText("Saved as", { timeout: 15_000 });
    return ((await card.getByRole("status").innerText()).match(/Saved as (\S+)/) ?? [])[1]!;
  }

  gallery() {
    return this.page.getByTestId("gallery-strip");
  }
}
