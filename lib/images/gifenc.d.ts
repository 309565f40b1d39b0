/** The part of gifenc@1 (no bundled types) that gridGif.ts uses. */
declare module "gifenc" {
  export interface GifFrameOptions {
    /** Colour table [[r, g, b], …]; required on the first frame (the global table). */
    palette?: number[][];
    /** Frame delay in milliseconds (stored in 1/100 s). */
    delay?: number;
    /** -1 = play once, 0 = loop forever, n = n repetitions. */
    repeat?: number;
    transparent?: boolean;
    transparentIndex?: number;
    dispose?: number;
  }
  export interface GifEncoder {
    writeFrame(index: Uint8Array, width: number, height: number, opts?: GifFrameOptions): void;
    finish(): void;
    bytes(): Uint8Array;
  }
  export function GIFEncoder(opts?: { auto?: boolean; initialCapacity?: number }): GifEncoder;
}
