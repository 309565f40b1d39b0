import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { ThroughputResponseSchema } from "../../../lib/contracts/throughput";
import { denseMacsPerImage } from "../../../lib/estimate/trainingTime";
import { median } from "../../../lib/estimate/trainingTime";
import { resolveConfig } from "../../../lib/model/config";
import { decodeGif, tileAt } from "../../unit/lib/images/gifFrames";
import { createSession, databases, firstRunDone, startServerOn, tinyOverrides } from "./helpers";

const EPOCHS = 10;

for (const db of databases) {
  describe(`grids.gif and /api/throughput (${db.name})`, { skip: db.skip }, () => {
    let server: Awaited<ReturnType<typeof startServerOn>>;
    let sessionId = "";
    let runId = "";
    const url = (p: string) => `${server.base}${p}`;

    before(async () => {
      server = await startServerOn(db);
      // 5,000 images: enough for /api/throughput to count the run as a measurement (tiny runs are overhead).
      const session = await createSession(server.base, {
        title: "GIF test",
        runs: [{ preset: "vae-seed", overrides: tinyOverrides({ epochs: EPOCHS, trainSize: 5000, batchSize: 100 }) }],
      });
      sessionId = session.id;
      runId = await firstRunDone(server.base, sessionId, 180_000, "10-epoch run done");
    });
    after(() => server.close());

    test("grids.gif has one frame per epoch, each with that epoch's grid pixels", async () => {
      const res = await fetch(url(`/api/sessions/${sessionId}/runs/${runId}/grids.gif?kind=prior`));
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("content-type"), "image/gif");
      assert.match(
        res.headers.get("content-disposition") ?? "",
        /^attachment; filename="gif-test_[A-Za-z0-9_-]+_prior_run-1-epochs-1-10\.gif"$/,
      );
      const bytes = new Uint8Array(await res.arrayBuffer());
      assert.ok(bytes.length < 2 * 1024 * 1024, `${bytes.length} bytes`);
      const gif = decodeGif(bytes);
      assert.equal(gif.frames.length, EPOCHS);
      for (let epoch = 1; epoch <= EPOCHS; epoch++) {
        const body = (await (
          await fetch(url(`/api/sessions/${sessionId}/runs/${runId}/grids?epoch=${epoch}`))
        ).json()) as {
          grids: { kind: string; rows: number; cols: number; pixelsBase64: string }[];
        };
        const prior = body.grids.find((g) => g.kind === "prior")!;
        const pixels = Buffer.from(prior.pixelsBase64, "base64");
        const frame = gif.frames[epoch - 1]!.gray;
        for (const [r, c] of [
          [0, 0],
          [prior.rows - 1, prior.cols - 1],
          [1, 3],
        ] as const) {
          const t = r * prior.cols + c;
          assert.deepEqual(
            tileAt(frame, gif.width, r, c, 2, 2),
            new Uint8Array(pixels.subarray(t * 784, (t + 1) * 784)),
            `epoch ${epoch}, tile (${r}, ${c})`,
          );
        }
      }
      console.log(`# grids.gif of a ${EPOCHS}-epoch tiny vae-seed run: ${bytes.length} bytes`);
    });

    test("grids.gif without kind picks the run's most telling grid; HEAD works", async () => {
      const res = await fetch(url(`/api/sessions/${sessionId}/runs/${runId}/grids.gif`));
      assert.equal(res.status, 200);
      assert.match(res.headers.get("content-disposition") ?? "", /_prior_/);
      const head = await fetch(url(`/api/sessions/${sessionId}/runs/${runId}/grids.gif?kind=reconstruction`), {
        method: "HEAD",
      });
      assert.equal(head.status, 200);
    });

    test("grids.gif: 400 for a bad kind, 404 for an unknown session, run, or a kind the run does not have", async () => {
      const bad = await fetch(url(`/api/sessions/${sessionId}/runs/${runId}/grids.gif?kind=selfie`));
      assert.equal(bad.status, 400);
      assert.match(((await bad.json()) as { error: { message: string } }).error.message, /kind/);
      assert.equal((await fetch(url(`/api/sessions/nosuchsession/runs/${runId}/grids.gif`))).status, 404);
      assert.equal((await fetch(url(`/api/sessions/${sessionId}/runs/nosuchrun/grids.gif`))).status, 404);
      assert.equal((await fetch(url(`/api/sessions/${sessionId}/runs/bad%20id/grids.gif`))).status, 400);
      const missing = await fetch(url(`/api/sessions/${sessionId}/runs/${runId}/grids.gif?kind=label-rows`));
      assert.equal(missing.status, 404);
      assert.match(((await missing.json()) as { error: { message: string } }).error.message, /no label-rows grids/);
    });

    test("/api/throughput: measured speed of the finished vae-seed run, fallback for presets without one", async () => {
      const res = await fetch(url("/api/throughput"));
      assert.equal(res.status, 200);
      const body = ThroughputResponseSchema.parse(await res.json());
      const measured = body.presets["vae-seed"];
      assert.equal(measured.source, "measured");
      assert.equal(measured.runs, 1);
      const metrics = (await (await fetch(url(`/api/sessions/${sessionId}/runs/${runId}/metrics.json`))).json()) as {
        config: Parameters<typeof denseMacsPerImage>[0];
        epochs: { imgPerSec: number }[];
      };
      const expected = median(metrics.epochs.map((e) => e.imgPerSec)) * denseMacsPerImage(metrics.config);
      assert.ok(
        Math.abs(measured.macsPerSecond - expected) / expected < 1e-9,
        `${measured.macsPerSecond} vs ${expected}`,
      );
      assert.ok(
        Math.abs(measured.imgPerSecAtDefaults - expected / denseMacsPerImage(resolveConfig("vae-seed"))) < 1e-6,
      );
      assert.ok(measured.startupSeconds >= 0 && measured.startupSeconds < 120);
      assert.equal(body.presets["cvae-inpaint"].source, "fallback");
      assert.equal(body.presets["cvae-inpaint"].imgPerSecAtDefaults, 2539);
    });
  });
}
