import * as tf from "@tensorflow/tfjs";

/**
 * The tf.Variable behind a layer weight (what an optimizer updates). `LayerVariable.read()` is typed
 * `Tensor` but returns that variable; checked here rather than asserted.
 */
export function layerVariable(weight: tf.LayerVariable): tf.Variable {
  const v = weight.read();
  if (!isVariable(v)) throw new Error(`weight ${weight.name} is not backed by a tf.Variable`);
  return v;
}

function isVariable(t: tf.Tensor): t is tf.Variable {
  return "assign" in t && typeof t.assign === "function";
}

/** A layer's `activation` config as a name ("linear" when unset). */
export function activationName(layer: tf.layers.Layer): string {
  const activation = layer.getConfig()["activation"];
  return typeof activation === "string" ? activation : "linear";
}
