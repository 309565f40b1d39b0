import { test } from "node:test";
import assert from "node:assert/strict";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { AUTO_DIGIT, DigitSelect, digitChoiceOf } from "../../../../../app/components/play/DigitSelect";

const render = (props: Parameters<typeof DigitSelect>[0]) => renderToStaticMarkup(createElement(DigitSelect, props));
const options = (html: string) => [...html.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)</g)].map((m) => [m[1], m[2]]);

test("the digit select offers 0–9 under its label, with the current digit selected", () => {
  const html = render({ label: "Digit", value: "3", onChange: () => {} });
  assert.match(html, /^<label[^>]*>Digit<select/);
  assert.deepEqual(
    options(html),
    Array.from({ length: 10 }, (_, d) => [String(d), String(d)]),
  );
  assert.match(html, /<option value="3" selected="">3</);
});

test("with autoText the select leads with the auto choice, which can be the selected one", () => {
  const html = render({
    label: "Decode as digit",
    value: AUTO_DIGIT,
    onChange: () => {},
    autoText: "the picked image's digit",
  });
  assert.deepEqual(options(html)[0], [AUTO_DIGIT, "the picked image&#x27;s digit"]);
  assert.equal(options(html).length, 11);
  assert.match(html, /<option value="auto" selected="">/);
});

test("a select value reads back as the auto choice or the digit", () => {
  assert.equal(digitChoiceOf(AUTO_DIGIT), AUTO_DIGIT);
  assert.equal(digitChoiceOf("7"), 7);
  assert.equal(digitChoiceOf("0"), 0);
});
