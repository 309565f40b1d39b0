import { expect, test } from "@playwright/test";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { decodeProbs } from "../../lib/play/decode";
import { loadPlayModel } from "../../lib/play/playModel";
import { createTinyPlaySession } from "./playSession";

/**
 * Same latent vector and condition -> the browser's decoded pixels equal the server-side (Node tfjs)
 * decode of the same checkpoint, to float tolerance, whatever backend the page chose. Both sides load
 * the same URLs through loadPlayModel, so both get the server's default float16 weights (not the
 * database's float32), and the 1e-4 tolerance only covers backend arithmetic.
 */
test("browser decode equals Node tfjs decode of the same checkpoint", async ({ page, request, baseURL }) => {
  const { id, runIds } = await createTinyPlaySession(request);
  await page.goto(`/s/${id}/play`);
  await expect(page.getByTestId("play-panels")).toBeVisible({ timeout: 90_000 });
  const select = page.getByLabel("Model", { exact: true });
  await select.selectOption(runIds["cvae-label"]!);
  await expect(page.getByTestId("play-panels")).toHaveAttribute("data-condition", "label", { timeout: 60_000 });

  const zs = [
    [0, 0],
    [1.5, -0.7],
    [-2.2, 2.9],
  ];
  const inPage = await page.evaluate((zs) => {
    const play = (
      window as unknown as {
        __vaePlay: { checkpointId: string; backend: string; decode: (z: number[], c: { digit?: number }) => number[] };
      }
    ).__vaePlay;
    return {
      checkpointId: play.checkpointId,
      backend: play.backend,
      probs: zs.flatMap((z, i) => play.decode(z, { digit: (i * 3) % 10 })),
    };
  }, zs);

  expect(await tf.setBackend("wasm")).toBe(true);
  const model = await loadPlayModel(`${baseURL}/api/sessions/${id}/checkpoints/${inPage.checkpointId}`);
  const inNode = zs.flatMap((z, i) => Array.from(decodeProbs(model, z, { digit: (i * 3) % 10 })));
  expect(inPage.probs.length).toBe(3 * 784);
  let maxDiff = 0;
  inNode.forEach((v, i) => (maxDiff = Math.max(maxDiff, Math.abs(v - (inPage.probs[i] ?? NaN)))));
  console.log(
    `parity: page backend ${inPage.backend}, max |browser - node| = ${maxDiff.toExponential(2)} over ${inNode.length} pixels`,
  );
  expect(maxDiff).toBeLessThan(1e-4);
});
