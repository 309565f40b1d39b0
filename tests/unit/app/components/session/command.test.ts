import { test } from "node:test";
import assert from "node:assert/strict";
import { runCommand, type CommandState } from "../../../../../app/components/session/useCommand";

const recorder = () => {
  const states: CommandState<string>[] = [];
  return { states, set: (s: CommandState<string>) => void states.push(s) };
};

test("a command is busy while it runs and idle again after it succeeds", async () => {
  const { states, set } = recorder();
  let seenWhileRunning: CommandState<string> | undefined;
  await runCommand("pause", async () => void (seenWhileRunning = states.at(-1)), set);
  assert.deepEqual(seenWhileRunning, { busy: "pause", error: null });
  assert.deepEqual(states.at(-1), { busy: null, error: null });
});

test("a failed command is idle again with its error message", async () => {
  const { states, set } = recorder();
  await runCommand("stop", () => Promise.reject(new Error("the run has ended")), set);
  assert.deepEqual(states, [
    { busy: "stop", error: null },
    { busy: null, error: "the run has ended" },
  ]);
});

test("a command whose success leaves the page stays busy; its failure does not", async () => {
  const ok = recorder();
  await runCommand("delete", async () => {}, ok.set, true);
  assert.deepEqual(ok.states, [{ busy: "delete", error: null }]);
  const failed = recorder();
  await runCommand("delete", () => Promise.reject(new Error("not the owner")), failed.set, true);
  assert.deepEqual(failed.states.at(-1), { busy: null, error: "not the owner" });
});
