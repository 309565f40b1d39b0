import { expect, test, type Page } from "@playwright/test";
import { PlayPage } from "./pages/PlayPage";
import { createTinyPlaySession } from "./playSession";

/** Using the app with the keyboard alone: skip link, reading order, focus after navigation, a visible focus ring. */

/** WCAG relative luminance contrast of two CSS rgb()/rgba() colours (alpha ignored: the tested colours are opaque). */
function contrast(a: string, b: string): number {
  const lum = (css: string) => {
    const [r, g, bl] = (css.match(/[\d.]+/g) ?? [])
      .slice(0, 3)
      .map(Number)
      .map((v) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** Presses Tab until `isTarget` holds for the focused element; returns the number of presses (Infinity if never within `max`). */
async function tabsUntil(page: Page, isTarget: () => boolean, max = 60): Promise<number> {
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(isTarget)) return presses;
  }
  return Infinity;
}

test("the skip link is the first stop and lands in the page's main content", async ({ page }) => {
  await page.goto("/gallery");
  await expect(page.getByRole("heading", { level: 1, name: "Gallery" })).toBeVisible();
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("main")).toBeFocused();
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.querySelector("main")!.contains(document.activeElement))).toBe(true);
});

test("after a client-side navigation, focus is on the new page's main heading", async ({ page, request }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Gallery" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/gallery$/);
  await expect(page.getByRole("heading", { level: 1, name: "Gallery" })).toBeFocused();

  // The live view draws its heading only once the session's snapshot arrives: focus waits for it.
  const res = await request.post("/api/sessions", {
    data: {
      title: "keyboard focus",
      runs: [
        {
          preset: "vae-seed",
          overrides: { epochs: 1, trainSize: 100, testSize: 50, encoderHidden: [16], decoderHidden: [16] },
        },
      ],
      autostart: false,
    },
  });
  const { id } = (await res.json()) as { id: string };
  await page.goto(`/s/${id}`);
  await expect(page.getByRole("heading", { level: 1, name: "keyboard focus" })).toBeVisible();
  await page.getByRole("link", { name: "Play with the digits" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/s/${id}/play$`));
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Play: keyboard focus");
});

test("on Play, the first digit button is at most 15 Tab presses from loading; its focus ring stands out when selected", async ({
  page,
  request,
}) => {
  const { id } = await createTinyPlaySession(request, "keyboard play");
  const play = new PlayPage(page);
  await play.open(id);
  await expect(page.getByTestId("play-panels")).toHaveAttribute("data-condition", "label");
  await expect(play.digitButton(0)).toBeVisible();
  // Once the later panels are drawn too (they come one task later), so they would count if they came first.
  await expect(page.getByTestId("test-images")).toBeVisible({ timeout: 30_000 });

  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const presses = await tabsUntil(page, () => {
    const el = document.activeElement;
    return el?.textContent === "0" && el.closest('[role="group"]')?.getAttribute("aria-label") === "Digit to generate";
  });
  console.log(`Tab presses from loading /s/<id>/play to the first digit button: ${presses}`);
  expect(presses).toBeLessThanOrEqual(15);

  // Select 7 by keyboard, and keep focus on it: the ring must stand out from the selected button's own fill.
  for (let i = 0; i < 7; i++) await page.keyboard.press("Tab");
  await expect(play.digitButton(7)).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(play.digitButton(7)).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("generated-grid")).toHaveAttribute("data-digit", "7");
  const ring = await play.digitButton(7).evaluate((el) => {
    const s = getComputedStyle(el);
    return {
      focusVisible: el.matches(":focus-visible"),
      style: s.outlineStyle,
      width: parseFloat(s.outlineWidth),
      color: s.outlineColor,
      fill: s.backgroundColor,
      page: getComputedStyle(document.body).backgroundColor,
    };
  });
  expect(ring.focusVisible).toBe(true);
  expect(ring.style).toBe("solid");
  expect(ring.width).toBeGreaterThanOrEqual(2);
  expect(
    contrast(ring.color, ring.fill),
    `ring ${ring.color} on the selected fill ${ring.fill}`,
  ).toBeGreaterThanOrEqual(3);
  expect(contrast(ring.color, ring.page), `ring ${ring.color} on the page ${ring.page}`).toBeGreaterThanOrEqual(3);
});
