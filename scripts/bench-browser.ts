/**
 * npm run bench:browser — what a visitor's browser does, measured with Playwright + Debian chromium.
 *
 * Starts the app server (production, random port, throw-away DATA_DIR) unless BENCH_URL points at a
 * running one, trains a small session (cvae-label latent 2 + cvae-inpaint, hidden 512, 1 epoch on 3,000
 * images), then measures: cold page load to first generated digit (goal < 1.5 s), decoding a 100-digit
 * grid (median of N, goal < 16 ms), one inpainting (median, goal < 5 ms), decoder download size
 * (goal <= 1 MB), and the page's JS heap while playing. Prints a table.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";

const N = Number(process.env.BENCH_REPEATS ?? 30);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function startServer(): Promise<{ url: string; proc: ChildProcess | null }> {
  if (process.env.BENCH_URL) return { url: process.env.BENCH_URL.replace(/\/$/, ""), proc: null };
  const dataDir = mkdtempSync(path.join(tmpdir(), "vae-bench-"));
  const proc = spawn(process.execPath, [require.resolve("tsx/cli"), "server/index.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: "0",
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      MAX_CONCURRENT_RUNS: "2",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("server did not start within 300 s")), 300_000);
    proc.stdout.on("data", (b: Buffer) => {
      const m = /on (http:\/\/[^\s]+)/.exec(b.toString());
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { url, proc };
}

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function trainedSession(base: string) {
  const small = { trainSize: 3000, testSize: 200, epochs: 1, batchSize: 100 };
  const { id } = await json<{ id: string }>(`${base}/api/sessions`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      title: "bench:browser",
      runs: [
        { preset: "cvae-label", overrides: { ...small, latentDim: 2 } },
        { preset: "cvae-inpaint", overrides: small },
      ],
    }),
  });
  const session = await json<{ runs: { id: string; preset: string }[] }>(`${base}/api/sessions/${id}`);
  const runs = Object.fromEntries(session.runs.map((r) => [r.preset, r.id]));
  const deadline = Date.now() + 300_000;
  for (const runId of Object.values(runs)) {
    while ((await fetch(`${base}/api/sessions/${id}/checkpoints/latest/meta.json?run=${runId}`)).status !== 200) {
      if (Date.now() > deadline) throw new Error("training took longer than 5 minutes");
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  return { id, runs: runs as Record<string, string> };
}

async function decoderBytes(base: string, id: string, runId: string): Promise<number> {
  const modelUrl = `${base}/api/sessions/${id}/checkpoints/latest/decoder/model.json?run=${runId}`;
  const model = await json<{ weightsManifest: { paths: string[] }[] }>(modelUrl);
  let total = 0;
  for (const group of model.weightsManifest) {
    for (const p of group.paths) {
      const res = await fetch(new URL(p, modelUrl.replace(/\?.*$/, "")).toString() + `?run=${runId}`);
      total += (await res.arrayBuffer()).byteLength;
    }
  }
  return total;
}

type PlayHook = { time100: (d?: number) => number; timeInpaint: (img: number[]) => number; backend: string };

async function selectRun(page: Page, runId: string, condition: string) {
  await page.locator('select[aria-label="Model"]').selectOption(runId);
  await page.waitForSelector(`[data-testid="play-panels"][data-condition="${condition}"]`, { timeout: 60_000 });
}

async function main() {
  const { url, proc } = await startServer();
  try {
    console.error(`bench:browser: server ${url}; training a small session…`);
    const { id, runs } = await trainedSession(url);
    const browser = await chromium.launch({
      executablePath: existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined,
      args: ["--no-sandbox", "--disable-gpu", "--enable-precise-memory-info"],
    });
    const context = await browser.newContext();
    const page = await context.newPage();
    // Warm the server (Next compiles/caches the route on first hit); the browser cache stays cold.
    await fetch(`${url}/s/${id}/play`);
    const t0 = Date.now();
    await page.goto(`${url}/s/${id}/play`);
    await page.waitForSelector('[data-testid="generated-grid"] canvas', { timeout: 120_000 });
    const coldMs = Date.now() - t0;
    const navStartDelay = Math.round((await page.evaluate(() => performance.timeOrigin)) - t0);
    const firstGridInPage = await page.evaluate(
      () => performance.getEntriesByName("vae:first-grid-painted")[0]?.startTime ?? NaN,
    );
    const marks = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
      const head = nav
        ? [
            `html first byte ${Math.round(nav.responseStart)} ms`,
            `DOMContentLoaded ${Math.round(nav.domContentLoadedEventEnd)} ms`,
          ]
        : [];
      const marks = performance
        .getEntriesByType("mark")
        .filter((m) => m.name.startsWith("vae:"))
        .map((m) => `${m.name.slice(4)} ${Math.round(m.startTime)} ms`);
      return [...head, ...marks].join(", ");
    });

    // The page measures the other backends after the first paint; wait for it before timing decodes.
    await page.waitForFunction(
      () =>
        ((window as unknown as { __vaePlay?: { measurements: unknown[] } }).__vaePlay?.measurements.length ?? 0) >= 3,
      undefined,
      { timeout: 60_000 },
    );
    await selectRun(page, runs["cvae-label"]!, "label");
    const decodes: number[] = await page.evaluate((n) => {
      const play = (window as unknown as { __vaePlay: PlayHook }).__vaePlay;
      play.time100(7);
      return Array.from({ length: n }, () => play.time100(7));
    }, N);
    const backend = await page.evaluate(() => (window as unknown as { __vaePlay: PlayHook }).__vaePlay.backend);
    const probe = await page.evaluate(() => {
      const m = (
        window as unknown as { __vaePlay: { measurements: { name: string; ms: number | null; initMs?: number }[] } }
      ).__vaePlay.measurements;
      return m.map((x) => `${x.name} init ${Math.round(x.initMs ?? NaN)} ms, decode ${x.ms?.toFixed(1)} ms`).join("; ");
    });

    await selectRun(page, runs["cvae-inpaint"]!, "inpaint");
    const sample = await json<{ images: string }>(`${url}/api/mnist/test-sample?n=1`);
    const image = Array.from(Buffer.from(sample.images, "base64"));
    const inpaints: number[] = await page.evaluate(
      ([img, n]) => {
        const play = (window as unknown as { __vaePlay: PlayHook }).__vaePlay;
        play.timeInpaint(img);
        return Array.from({ length: n }, () => play.timeInpaint(img));
      },
      [image, N] as const,
    );
    // Play a little (digit buttons), then read the heap.
    for (const d of [1, 2, 3])
      await page
        .getByRole("button", { name: `Generate ${d}s` })
        .click()
        .catch(() => {});
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");
    const metrics = await cdp.send("Performance.getMetrics");
    const heap = metrics.metrics.find((m) => m.name === "JSHeapUsedSize")?.value ?? NaN;
    const labelBytes = await decoderBytes(url, id, runs["cvae-label"]!);
    const inpaintBytes = await decoderBytes(url, id, runs["cvae-inpaint"]!);
    await browser.close();

    const rows: [string, string, string][] = [
      ["cold page load -> first generated digit (from goto)", `${coldMs} ms`, "< 1500 ms"],
      ["  of which before navigation start", `${navStartDelay} ms`, "-"],
      ["  navigation start -> first digits painted (in page)", `${Math.round(firstGridInPage)} ms`, "< 1500 ms"],
      [`decode 100-digit grid (median of ${N}, ${backend})`, `${median(decodes).toFixed(2)} ms`, "< 16 ms"],
      [`one inpainting, z = 0 (median of ${N})`, `${median(inpaints).toFixed(2)} ms`, "< 5 ms"],
      ["decoder download, cvae-label 22-512-784", `${(labelBytes / 1024).toFixed(0)} KB`, "<= 1024 KB"],
      ["decoder download, cvae-inpaint 1588-512-784", `${(inpaintBytes / 1024).toFixed(0)} KB`, "<= 1024 KB"],
      ["page JS heap while playing (CDP)", `${(heap / 1024 / 1024).toFixed(1)} MB`, "-"],
    ];
    console.log(`page load timeline (ms since navigation start): ${marks}`);
    console.log(`backend probe: ${probe}`);
    const w = Math.max(...rows.map((r) => r[0].length));
    console.log(`${"measure".padEnd(w)}  ${"value".padStart(10)}  goal`);
    for (const [k, v, g] of rows) console.log(`${k.padEnd(w)}  ${v.padStart(10)}  ${g}`);
  } finally {
    proc?.kill("SIGTERM");
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
