import { test } from "node:test";
import assert from "node:assert/strict";
import { parseFlags, readInteger, readNumber, UsageError, type FlagSpec } from "../../../../server/cli/flags";

const options = {
  epochs: { type: "string" },
  seed: { type: "string" },
  float16: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const satisfies FlagSpec;

const parse = (args: string[], allowPositionals = false) => parseFlags({ args, options, allowPositionals });

/** The UsageError message `fn` throws (fails when it throws nothing or something else). */
function usageMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof UsageError, `expected a UsageError, got ${String(e)}`);
    return e.message;
  }
  assert.fail("expected a UsageError");
}

test("a negative number after a value flag is its value, written apart or with =", () => {
  assert.deepEqual(parse(["--epochs", "-1", "--seed=-7"]).values, { epochs: "-1", seed: "-7" });
  assert.deepEqual(parse(["--seed", "-.5"]).values, { seed: "-.5" });
});

test("values, booleans, short flags and positionals come back as typed", () => {
  const r = parse(["runs/x", "--epochs", "3", "-h", "--float16"], true);
  assert.deepEqual(r.values, { epochs: "3", help: true, float16: true });
  assert.deepEqual(r.positionals, ["runs/x"]);
});

test("mistakes are named in people's words, never in parseArgs' terms", () => {
  const cases: [string[], string][] = [
    [["--epochs"], "--epochs needs a value"],
    [
      ["--epochs", "--float16"],
      "--epochs needs a value (found --float16 where the value should be; if that is the value, write --epochs=--float16)",
    ],
    [["--epoch", "3"], "unknown flag --epoch; did you mean --epochs?"],
    [["--colour"], "unknown flag --colour"],
    [["-x"], "unknown flag -x"],
    [["--float16=yes"], "--float16 takes no value (write just --float16)"],
    [["--float16", "1"], 'unexpected argument "1" (--float16 takes no value)'],
    [["runs/x"], 'unexpected argument "runs/x"'],
    [["--epochs", "3", "--epochs", "4"], "--epochs is given twice"],
  ];
  for (const [args, message] of cases) {
    const got = usageMessage(() => parse(args));
    assert.equal(got, message, args.join(" "));
    assert.doesNotMatch(got, /ambiguous|XYZ|positional|Option '/, "no parseArgs wording");
  }
});

test("readInteger says which rule a value broke", () => {
  const range = { min: 1, max: 100 };
  assert.equal(readInteger("epochs", "12", range), 12);
  assert.equal(
    usageMessage(() => readInteger("epochs", "-1", range)),
    "--epochs must be at least 1 (got -1)",
  );
  assert.equal(
    usageMessage(() => readInteger("epochs", "2.5", range)),
    "--epochs must be a whole number (got 2.5)",
  );
  assert.equal(
    usageMessage(() => readInteger("epochs", "101", range)),
    "--epochs must be at most 100 (got 101)",
  );
  assert.equal(
    usageMessage(() => readInteger("epochs", "ten", range)),
    '--epochs must be a number (got "ten")',
  );
  assert.equal(
    usageMessage(() => readNumber("lr", " ")),
    '--lr must be a number (got " ")',
  );
});
