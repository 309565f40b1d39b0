"use client";

import { useSyncExternalStore } from "react";

/** Values that never change while the page lives need no subscription. */
function noSubscription(): () => void {
  return () => undefined;
}

/**
 * A value only the browser knows (the page's origin, a share sheet), fixed for the page's life: `serverValue` in the
 * server render and the first client frame (so both agree), the browser's answer after.
 */
export function useBrowserValue<T>(read: () => T, serverValue: T): T {
  return useSyncExternalStore(noSubscription, read, () => serverValue);
}
