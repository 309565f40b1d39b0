import * as tf from "@tensorflow/tfjs";

/**
 * tf.getKernel as it behaves: undefined when nothing is registered under that name for that backend (its type says
 * there always is one). A map lookup: cheap enough for the training step's per-op checks.
 */
export function registeredKernel(kernelName: string, backendName: string): tf.KernelConfig | undefined {
  return tf.getKernel(kernelName, backendName);
}
