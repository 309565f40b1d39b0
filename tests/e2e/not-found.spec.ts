import { expect, test } from "@playwright/test";

/** Unknown sessions, play views, gallery items and routes: HTTP 404 and a page in the app's look that says what is missing. */
const CASES = [
  { path: "/s/nosuchsession", heading: "This session does not exist", title: "Session not found · VAE Playground" },
  {
    path: "/s/nosuchsession/play",
    heading: "This session does not exist",
    title: "Session not found · VAE Playground",
  },
  {
    path: "/g/nosuchitem",
    heading: "This gallery picture does not exist",
    title: "Picture not found · VAE Playground",
  },
  { path: "/no/such/page", heading: "This page does not exist", title: "Page not found · VAE Playground" },
];

for (const c of CASES) {
  test(`${c.path}: 404 with the app's header and a way back`, async ({ page }) => {
    const response = await page.goto(c.path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(c.heading);
    await expect(page).toHaveTitle(c.title);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Start a training session" })).toHaveAttribute("href", "/");
  });
}

test("Play for an unknown session says so and shows nothing else", async ({ page }) => {
  await page.goto("/s/nosuchsession/play");
  await expect(page.getByTestId("not-found")).toBeVisible();
  await expect(page.getByTestId("model-status")).toHaveCount(0);
  await expect(page.getByText("No model loaded yet")).toHaveCount(0);
  await expect(page.getByLabel("Auto-update to new checkpoints")).toHaveCount(0);
  await expect(page.getByTestId("gallery-strip")).toHaveCount(0);
});
