import type { resolveConfig } from "../../../../lib/model/config";
import type { CheckpointArtifacts } from "../../../../lib/contracts/training";

/** Small but realistic checkpoint artifacts; `marker` lands in byte 1 of the decoder weights. */
export function artifacts(
  config: ReturnType<typeof resolveConfig>,
  epoch: number,
  marker: number,
): CheckpointArtifacts {
  const weights = (n: number) => {
    const f = Float32Array.from({ length: n }, (_, i) => Math.sin(i + epoch));
    const bytes = new Uint8Array(f.buffer);
    bytes[1] = marker;
    return f.buffer;
  };
  const modelJson = (name: string) => ({
    format: "layers-model",
    generatedBy: "TensorFlow.js tfjs-layers v4.22.0",
    modelTopology: {
      class_name: "Sequential",
      config: { name, layers: [{ class_name: "Dense", config: { units: 4 } }] },
    },
    weightsManifest: [
      { paths: ["weights.bin"], weights: [{ name: `${name}/kernel`, shape: [2, 4], dtype: "float32" }] },
    ],
  });
  return {
    meta: {
      preset: config.preset,
      config,
      epoch,
      metrics: { testNegElbo: 120.5 },
      dataset: "mnist",
      condition: { kind: "none", width: 0, layout: "" },
      latentDim: config.latentDim,
      float16: false,
      createdAt: new Date(0).toISOString(),
    },
    encoder: { modelJson: modelJson("encoder"), weightData: weights(1000) },
    decoder: { modelJson: modelJson("decoder"), weightData: weights(1500) },
  };
}
