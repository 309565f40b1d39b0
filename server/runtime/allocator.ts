import path from "node:path";
import { projectRoot } from "./projectRoot";

/**
 * glibc's allocator controls from native/memory (built by `npm run build:native` when a C compiler is present).
 * Without the addon, or off glibc, every call is a no-op that answers false.
 */
export interface AllocatorControl {
  /** Whether the addon is loaded and the allocator is glibc's. */
  readonly available: boolean;
  /** Gives every thread heap's free pages back to the system (malloc_trim); true when some memory was released. */
  trim(): boolean;
  /** Blocks of at least `bytes` get their own mapping, unmapped when freed; a fixed value also stops glibc raising it. */
  setMmapThreshold(bytes: number): boolean;
}

interface Addon {
  trim(): boolean;
  setMmapThreshold(bytes: number): boolean;
  glibc(): boolean;
}

const NONE: AllocatorControl = { available: false, trim: () => false, setMmapThreshold: () => false };

let loaded: AllocatorControl | null = null;

export function allocatorControl(): AllocatorControl {
  if (loaded) return loaded;
  for (const dir of [projectRoot(), process.cwd()]) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a native addon that may not be built: require is how Node loads one
      const addon = require(path.join(dir, "native", "memory", "build", "Release", "vae_memory.node")) as Addon;
      loaded = addon.glibc()
        ? { available: true, trim: () => addon.trim(), setMmapThreshold: (b) => addon.setMmapThreshold(b) }
        : NONE;
      return loaded;
    } catch {
      // not built here: try the next place, then do without
    }
  }
  loaded = NONE;
  return loaded;
}

/**
 * Blocks of 1 MB and more (checkpoint weights, moments, copies of them) are mapped on their own and unmapped when
 * freed. glibc's default starts at 128 KB and rises with every large block freed, up to 32 MB, after which a run's
 * 16 MB weight copies land in thread heaps and stay there (docs/security.md, "Memory"). Smaller blocks are as before.
 */
export const MMAP_THRESHOLD_BYTES = 1024 * 1024;

/** Call once at start-up: returns a line for the start-up log. */
export function configureAllocator(control: AllocatorControl = allocatorControl()): string {
  if (!control.available)
    return "memory: allocator controls not built (npm run build:native); freed memory may stay with the allocator";
  const fixed = control.setMmapThreshold(MMAP_THRESHOLD_BYTES);
  return `memory: ${fixed ? "mmap threshold 1 MB" : "mmap threshold unchanged"}, freed memory trimmed after each run`;
}
