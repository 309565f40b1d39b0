import { test } from "node:test";
import assert from "node:assert/strict";
import { judgeProgressLine, judgeProgressText } from "../../../../server/cli/judgeProgress";

function fakeStream(isTTY: boolean) {
  const chunks: string[] = [];
  return { stream: { isTTY, columns: 100, write: (t: string) => chunks.push(t) }, chunks };
}

test("on a terminal: the first report stays, then one line redraws with the time so far, then the last report", () => {
  const { stream, chunks } = fakeStream(true);
  let clock = 0;
  const p = judgeProgressLine({ stream, now: () => clock, tickMs: 60_000 });
  p.log("no judge classifier in data/judge: training one on MNIST (a few minutes, once)…");
  clock = 6_400;
  p.log("judge epoch 1/8: test accuracy 96.50 % (6 s)");
  p.end();
  assert.equal(chunks[0], "no judge classifier in data/judge: training one on MNIST (a few minutes, once)…\n");
  const redraws = chunks.filter((c) => /^\r +\d+ s · /.test(c));
  assert.ok(redraws[0]!.startsWith("\r  0 s · training the judge classifier…"), redraws[0]);
  assert.ok(redraws.at(-1)!.startsWith("\r  6 s · judge epoch 1/8: test accuracy 96.50 %"), redraws.join("|"));
  assert.ok(
    redraws.every((r) => !r.includes("\n") && r.length === 100),
    "a redraw never adds a line and fills the width",
  );
  assert.ok(
    chunks.at(-1)!.endsWith("judge epoch 1/8: test accuracy 96.50 % (6 s)\n"),
    "the last report is left as a line",
  );
});

test("off a terminal every report is a plain line and nothing is redrawn", () => {
  const { stream, chunks } = fakeStream(false);
  const p = judgeProgressLine({ stream });
  p.log("no judge classifier …");
  p.log("judge epoch 1/8: …");
  p.end();
  assert.deepEqual(chunks, ["no judge classifier …\n", "judge epoch 1/8: …\n"]);
});

test("a cached judge never calls log: end() prints nothing", () => {
  const { stream, chunks } = fakeStream(true);
  judgeProgressLine({ stream }).end();
  assert.deepEqual(chunks, []);
});

test("the line says what is happening and for how long", () => {
  assert.equal(
    judgeProgressText("judge epoch 3/8: test accuracy 97.62 % (18 s)", 21_400),
    "  21 s · judge epoch 3/8: test accuracy 97.62 % (18 s)",
  );
});
