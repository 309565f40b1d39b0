import { expect, type Locator, type Page } from "@playwright/test";

/** The Loss panel of the live view: its two uPlot charts, their readouts, legend and controls. */
export class LossChartsPanel {
  constructor(readonly page: Page) {}

  get panel(): Locator {
    return this.page.getByRole("region", { name: "Loss" });
  }

  /** A chart by its accessible name: "Train loss per step" or "Test negative ELBO per epoch". */
  chart(name: string): Locator {
    return this.panel.getByRole("group", { name, exact: true });
  }

  /** The line of values drawn above a chart (hidden from screen readers: they get the live region). */
  readout(name: string): Locator {
    return this.chart(name).locator("xpath=../preceding-sibling::div[1]/p");
  }

  announcement(name: string): Locator {
    return this.chart(name).locator("xpath=../following-sibling::p[@aria-live]");
  }

  resetZoom(name: string): Locator {
    return this.chart(name).locator("xpath=../preceding-sibling::div[1]").getByRole("button", { name: "Reset zoom" });
  }

  /** The plotting area (uPlot's event layer), where hover and drag happen. */
  async plotBox(name: string) {
    const box = await this.chart(name).locator(".u-over").boundingBox();
    expect(box, `${name}: plotting area`).not.toBeNull();
    return box!;
  }

  /** Moves the mouse to `fraction` of the plot's width (vertically centred) and returns the readout's text. */
  async hoverAt(name: string, fraction: number): Promise<string> {
    const box = await this.plotBox(name);
    await this.page.mouse.move(box.x + box.width * fraction, box.y + box.height / 2);
    await expect(this.readout(name)).not.toContainText("latest");
    return (await this.readout(name).textContent()) ?? "";
  }

  /** The x value the readout names ("step 1,234" → 1234). */
  static readoutX(text: string): number {
    const m = /^(?:step|epoch) ([\d,]+)/.exec(text);
    if (!m) throw new Error(`no x in the readout "${text}"`);
    return Number(m[1]!.replace(/,/g, ""));
  }

  async dragZoom(name: string, from: number, to: number): Promise<void> {
    const box = await this.plotBox(name);
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width * from, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + box.width * ((from + to) / 2), y, { steps: 4 });
    await this.page.mouse.move(box.x + box.width * to, y, { steps: 4 });
    await this.page.mouse.up();
  }

  legendButton(label: string): Locator {
    return this.panel.getByRole("list", { name: /^Legend/ }).getByRole("button", { name: label, exact: true });
  }

  async pointCount(): Promise<number> {
    return Number(await this.page.getByTestId("loss-points").getAttribute("data-count"));
  }
}
