import assert from "node:assert/strict";
import { test } from "node:test";
import { CreateSessionBodySchema } from "../../../../lib/contracts/session";
import { normaliseTitle, TitleSchema } from "../../../../lib/contracts/title";

test("control characters, NUL and bidi controls are removed; whitespace collapses; every script stays", () => {
  assert.equal(normaliseTitle("a\u0000b"), "ab");
  assert.equal(normaliseTitle("\u202Egpj.exe"), "gpj.exe", "right-to-left override");
  assert.equal(normaliseTitle("x\u2066y\u2069z\u200Fw\u061C"), "xyzw", "isolates, marks");
  assert.equal(normaliseTitle("  two\n\nlines\r\tand\u2028more  "), "two lines and more");
  assert.equal(normaliseTitle("\u0007\u001b[31mred\u009b"), "[31mred", "C0, ESC and C1 controls");
  assert.equal(normaliseTitle("数字 β=4 — ‏عربي"), "数字 β=4 — عربي");
});

test("a title that is empty once normalised is refused; the session body normalises its title", () => {
  assert.equal(TitleSchema.safeParse("\u202E\u0000 ").success, false);
  assert.equal(TitleSchema.parse(" ok\u0000 "), "ok");
  assert.equal(TitleSchema.safeParse("x".repeat(121)).success, false);
  const body = CreateSessionBodySchema.parse({ title: "Sevens\u202E\n", runs: [{ preset: "vae-seed" }] });
  assert.equal(body.title, "Sevens");
  assert.equal(CreateSessionBodySchema.safeParse({ title: "\u0000", runs: [{ preset: "vae-seed" }] }).success, false);
});
