import { expect, type Locator, type Page } from "@playwright/test";

/** The home page: preset cards, hyperparameter fields, Train, recent sessions. */
export class HomePage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/");
    await expect(this.page.getByRole("heading", { level: 1 })).toBeVisible();
  }

  /** Picks a preset card by its title, e.g. "VAE (seed)" or "Seed comparison". */
  async choosePreset(title: string): Promise<void> {
    await this.page.getByRole("radio", { name: new RegExp(`^${escapeRegExp(title)}`) }).check({ force: true });
  }

  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  /** The hint or zod message shown under a field (the first of the ids describing it; the second is its tooltip). */
  async fieldMessage(label: string): Promise<string> {
    const id = (await this.field(label).getAttribute("aria-describedby"))?.split(" ")[0];
    return (await this.page.locator(`[id="${id}"]`).textContent()) ?? "";
  }

  async openMoreSettings(): Promise<void> {
    const details = this.page.locator("details", { has: this.page.getByText("More settings") });
    if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) {
      await this.page.getByText("More settings").click();
    }
  }

  async fill(values: Record<string, string>): Promise<void> {
    for (const [label, value] of Object.entries(values)) await this.field(label).fill(value);
  }

  get trainButton(): Locator {
    return this.page.getByRole("button", { name: "Train", exact: true });
  }

  /** Presses Train and waits for the session page; returns the session id. */
  async train(): Promise<string> {
    await this.trainButton.click();
    await this.page.waitForURL(/\/s\/[A-Za-z0-9_-]+$/);
    const id = new URL(this.page.url()).pathname.split("/").pop();
    if (!id) throw new Error(`no session id in ${this.page.url()}`);
    return id;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
