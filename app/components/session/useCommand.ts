"use client";

import { useState } from "react";
import type { ControlAction, RunView } from "../../../lib/contracts/session";
import { errorMessage } from "../../../lib/errors";

/** The owner's command function (the live session's `control`). */
export type Control = (action: ControlAction, runId?: string) => Promise<RunView[]>;

export interface CommandState<K> {
  /** The command under way, or null. */
  busy: K | null;
  error: string | null;
}

/**
 * Runs one command: busy while it runs, its error message when it fails. `staysBusy`: a command whose success leaves
 * the page (delete, fork) keeps its button busy rather than enabling it again.
 */
export async function runCommand<K>(
  key: K,
  task: () => Promise<unknown>,
  set: (state: CommandState<K>) => void,
  staysBusy = false,
): Promise<void> {
  set({ busy: key, error: null });
  try {
    await task();
    if (!staysBusy) set({ busy: null, error: null });
  } catch (err) {
    set({ busy: null, error: errorMessage(err) });
  }
}

/** State of command buttons (run controls, delete, fork): which command runs, and the last one's error. */
export function useCommand<K>() {
  const [state, setState] = useState<CommandState<K>>({ busy: null, error: null });
  return {
    ...state,
    run: (key: K, task: () => Promise<unknown>, staysBusy = false) => runCommand(key, task, setState, staysBusy),
  };
}
