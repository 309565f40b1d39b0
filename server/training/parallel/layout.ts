/**
 * Shared memory of a data-parallel step group: N threads (thread 0 = the training thread, 1..N-1 = gradient
 * workers) that each hold the model, compute gradients on a shard of every batch, and own a contiguous range
 * of the flat weight vector (its Adam state lives with its owner only: one Adam, partitioned).
 *
 * Regions (all in SharedArrayBuffers, so nothing is copied through postMessage):
 *   ctrl    Int32  [GO, BARRIER, ERROR]                         step signal, barrier counter, error flag
 *   meta    Float64 [size, klWeight]                            the current batch
 *   params  Float32 [P]                                         canonical weights, each range written by its owner
 *   grads   Float32 [N × P]                                     each thread's gradient (shard sum / batch size)
 *   stats   Float32 [N × 3]                                     each thread's [loss, recon, kl] share
 *   moments Float32 [2 × P]                                     Adam's m and v, each range owned like params
 *   x/eps/labels/masks per worker                                its shard's inputs, written by thread 0 (xᵀ [784, n], εᵀ [latent, n] feature-major; masks [n, 784])
 */

export const CTRL_GO = 0;
export const CTRL_BARRIER = 1;
export const CTRL_ERROR = 2;
/** ctrl[GO] value that tells workers to exit. */
export const GO_EXIT = -1;

export interface VariableSlot {
  /** The variable's name in thread 0 (informative: other threads match slots by position). */
  name: string;
  shape: number[];
  offset: number;
  size: number;
}

export interface SharedRegions {
  threads: number;
  maxShard: number;
  latentDim: number;
  paramCount: number;
  ctrl: SharedArrayBuffer;
  meta: SharedArrayBuffer;
  params: SharedArrayBuffer;
  grads: SharedArrayBuffer;
  stats: SharedArrayBuffer;
  /** Adam's moments, m then v [2 × P]; each thread updates its own range, thread 0 reads all for checkpoints. */
  moments: SharedArrayBuffer;
  /** Per worker 1..N-1 (index 0 unused): its shard's inputs. */
  inputs: {
    x: SharedArrayBuffer;
    eps: SharedArrayBuffer;
    labels: SharedArrayBuffer;
    masks: SharedArrayBuffer | null;
  }[];
}

/** Variables in trainableVariables order with their offsets in the flat weight vector. */
export function planSlots(vars: readonly { name: string; shape: number[] }[]): VariableSlot[] {
  let offset = 0;
  return vars.map((v) => {
    const size = v.shape.reduce((a, b) => a * b, 1);
    const slot = { name: v.name, shape: [...v.shape], offset, size };
    offset += size;
    return slot;
  });
}

export function allocateRegions(
  threads: number,
  batchSize: number,
  latentDim: number,
  paramCount: number,
  inpaint: boolean,
): SharedRegions {
  const maxShard = Math.ceil(batchSize / threads);
  const f32 = (n: number): SharedArrayBuffer => new SharedArrayBuffer(4 * n);
  const inputs: SharedRegions["inputs"] = [];
  for (let k = 0; k < threads; k++) {
    inputs.push(
      k === 0
        ? { x: f32(0), eps: f32(0), labels: f32(0), masks: null }
        : {
            x: f32(maxShard * 784),
            eps: f32(maxShard * latentDim),
            labels: f32(maxShard),
            masks: inpaint ? f32(maxShard * 784) : null,
          },
    );
  }
  return {
    threads,
    maxShard,
    latentDim,
    paramCount,
    ctrl: new SharedArrayBuffer(4 * 4),
    meta: new SharedArrayBuffer(8 * 2),
    params: f32(paramCount),
    grads: f32(threads * paramCount),
    stats: f32(threads * 3),
    moments: f32(2 * paramCount),
    inputs,
  };
}
