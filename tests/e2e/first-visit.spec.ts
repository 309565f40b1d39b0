import { expect, test } from "@playwright/test";
import { HomePage } from "./pages/HomePage";

/** What a first visitor learns before pressing Train: what each preset is for, what the knobs mean, how long it takes. */

test("each preset says what it is for; hyperparameters explain themselves on hover and on keyboard focus", async ({
  page,
}) => {
  const home = new HomePage(page);
  await home.goto();
  await expect(page.getByRole("radio", { name: "CVAE on labels", exact: true })).toHaveAccessibleDescription(
    /ask it for a 7 and get 7s/,
  );
  for (const name of ["VAE (seed)", "CVAE on labels", "CVAE inpainting", "VAE (pytorch/examples)", "Seed comparison"]) {
    await expect(page.getByRole("radio", { name, exact: true })).toHaveAccessibleDescription(/\w+ .*\./);
  }

  const beta = home.field("β (KL weight)");
  await beta.focus();
  const betaTip = page.getByRole("tooltip").filter({ hasText: "pulled towards a standard normal" });
  await expect(betaTip).toBeVisible();
  await expect(beta).toHaveAccessibleDescription(/1 is the true ELBO.*pulled towards a standard normal/);
  await page.keyboard.press("Escape");
  await expect(betaTip).toBeHidden();
  await expect(beta).toBeFocused();

  await page.getByText("Learning rate", { exact: true }).hover();
  await expect(page.getByRole("tooltip").filter({ hasText: "Adam optimiser" })).toBeVisible();
});

test("the form estimates the training time from this server's speed, and warns before a run too short for reliable digits", async ({
  page,
}) => {
  const home = new HomePage(page);
  await home.goto();
  const estimate = page.getByTestId("training-estimate");
  await expect(estimate).toContainText(/Estimated training time: about \d/);
  const tenEpochs = Number(await estimate.getAttribute("data-seconds"));
  await home.fill({ Epochs: "40" });
  await expect.poll(async () => Number(await estimate.getAttribute("data-seconds"))).toBeGreaterThan(tenEpochs * 2);

  await expect(page.getByTestId("short-run-note")).toHaveCount(0);
  await home.choosePreset("CVAE on labels");
  await home.fill({ Epochs: "3", "Train size": "10000" });
  await expect(page.getByTestId("short-run-note")).toContainText(
    "A short run on a small training set (3 epochs on 10,000 training images)",
  );
  await expect(page.getByTestId("short-run-note")).toContainText("not the digit you asked for");
});
