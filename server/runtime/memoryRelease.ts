import v8 from "node:v8";
import vm from "node:vm";
import { allocatorControl, type AllocatorControl } from "./allocator";

/** A full garbage collection of this thread's heap, available without starting Node with --expose-gc. */
export function fullGc(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  v8.setFlagsFromString("--expose-gc");
  return vm.runInNewContext("gc") as () => void;
}

export interface MemoryReleaser {
  /** A run ended: release memory once things settle (several ends close together release once). */
  releaseSoon(): void;
  /** Releases now: a full GC (so the run's buffers are freed), then the allocator's free pages go back to the system. */
  releaseNow(): void;
  /** Cancels a pending release (shutdown). */
  close(): void;
}

/**
 * What the server does after every run, so its resident memory returns to where it was: V8 frees a run's buffers
 * only when it collects, which an idle server may not do for a long time, and glibc keeps freed memory in its heaps
 * (allocator.ts). Debounced: the run's last writes land within the delay.
 */
export function memoryReleaser(
  opts: { delayMs?: number; gc?: () => void; allocator?: AllocatorControl } = {},
): MemoryReleaser {
  const delayMs = opts.delayMs ?? 1000;
  const gc = opts.gc ?? fullGc();
  const allocator = opts.allocator ?? allocatorControl();
  let timer: NodeJS.Timeout | null = null;
  const releaseNow = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    gc();
    allocator.trim();
  };
  return {
    releaseSoon() {
      if (timer) clearTimeout(timer);
      timer = setTimeout(releaseNow, delayMs);
      timer.unref();
    },
    releaseNow,
    close() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
