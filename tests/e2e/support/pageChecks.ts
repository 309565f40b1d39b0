import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** Waits until a page shows what it is for (not a skeleton), so the checks see the real thing. */
export async function waitUntilReady(page: Page, name: string): Promise<void> {
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible({ timeout: 60_000 });
  if (name === "home") await expect(page.getByTestId("recent-sessions")).toBeVisible();
  if (name.startsWith("live")) {
    await expect(page.getByTestId("sample-grid").first()).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId("run-status").first()).toHaveAttribute(
      "data-status",
      name === "live, mid-run" ? "training" : "done",
    );
  }
  if (name === "play") {
    await expect(page.getByTestId("play-panels")).toBeVisible({ timeout: 90_000 });
    await expect(page.getByTestId("latent-map")).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("test-images")).toBeVisible({ timeout: 30_000 });
  }
  if (name === "gallery") await expect(page.getByTestId("gallery-item").first()).toBeVisible();
  if (name === "gallery item") await expect(page.getByTestId("gallery-item-page")).toBeVisible();
}

/** Serious and critical axe-core violations, one readable line each (rule, count, where). */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.impact} ${v.id} (${v.nodes.length}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(" | ")}`,
    );
}

/**
 * What sticks out of a phone screen: the page scrolling sideways, any element whose box reaches past the
 * viewport's edges, and text cut off by its box (overflow hidden, ellipsis, line clamp). Visually hidden
 * elements (sr-only: 1 px) are skipped.
 */
export function overflowProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const problems: string[] = [];
    const scrollWidth = document.scrollingElement?.scrollWidth ?? 0;
    if (scrollWidth > width)
      problems.push(`the page scrolls sideways: ${scrollWidth} px wide in a ${width} px viewport`);
    const describe = (el: Element) => {
      const text = el.textContent.trim().replace(/\s+/g, " ").slice(0, 50);
      return `<${el.tagName.toLowerCase()} class="${(el.getAttribute("class") ?? "").slice(0, 60)}">${text ? ` "${text}"` : ""}`;
    };
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      const box = el.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1) continue;
      const style = getComputedStyle(el);
      if (style.visibility === "hidden" || style.display === "none") continue;
      if (box.right > width + 0.5 || box.left < -0.5)
        problems.push(`${describe(el)} spans ${Math.round(box.left)}..${Math.round(box.right)} px`);
      const clips =
        style.overflowX === "hidden" ||
        style.overflowX === "clip" ||
        style.textOverflow === "ellipsis" ||
        (style.webkitLineClamp && style.webkitLineClamp !== "none");
      const isControl = ["INPUT", "SELECT", "TEXTAREA", "CANVAS", "svg"].includes(el.tagName);
      if (
        clips &&
        !isControl &&
        el.textContent.trim() !== "" &&
        (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
      ) {
        problems.push(
          `${describe(el)} cuts its text (${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight})`,
        );
      }
    }
    return problems;
  });
}
