import { expect, type Locator, type Page } from "@playwright/test";

/** The live view of a session (/s/<id>), as an owner or a viewer sees it. */
export class SessionPage {
  constructor(readonly page: Page) {}

  async goto(sessionIdOrPath: string): Promise<void> {
    await this.page.goto(
      sessionIdOrPath.startsWith("/") || sessionIdOrPath.startsWith("http") ? sessionIdOrPath : `/s/${sessionIdOrPath}`,
    );
    await expect(this.title).toBeVisible();
  }

  get title(): Locator {
    return this.page.getByRole("heading", { level: 1 });
  }

  /**
   * Number of train-loss points drawn (all runs). Throws with the page's explanation if a run failed,
   * so a poll on it stops at once with the reason instead of timing out.
   */
  async lossPointCount(): Promise<number> {
    const failed = this.page.locator('[data-testid="run-status"][data-status="failed"]');
    if ((await failed.count()) > 0) {
      const why = await this.page.getByRole("alert").allTextContents();
      throw new Error(`a run failed on the server: ${why.join(" | ")}`);
    }
    return Number(await this.page.getByTestId("loss-points").getAttribute("data-count"));
  }

  async presenceCount(): Promise<number> {
    return Number(await this.page.getByTestId("presence").getAttribute("data-count"));
  }

  /** Status of the first run (queued, training, paused, …). */
  async runStatus(index = 0): Promise<string | null> {
    return this.page.getByTestId("run-status").nth(index).getAttribute("data-status");
  }

  get sampleGrids(): Locator {
    return this.page.getByTestId("sample-grid");
  }

  get ownerControls(): Locator {
    return this.page.getByTestId("owner-controls");
  }

  get controlLinkNotice(): Locator {
    return this.page.getByTestId("control-link");
  }

  get connectionBanner(): Locator {
    return this.page.getByTestId("connection");
  }

  /** Owner run control: "Pause", "Resume", "Stop" (first run unless a run index is given). */
  async control(action: "Pause" | "Resume" | "Stop" | "Start", runIndex = 0): Promise<void> {
    await this.page
      .getByTestId("run-controls")
      .nth(runIndex)
      .getByRole("button", { name: action, exact: true })
      .click();
  }

  async deleteSession(): Promise<void> {
    await this.page.getByRole("button", { name: "Delete session" }).click();
    await this.page.getByRole("button", { name: "Yes, delete" }).click();
  }
}
