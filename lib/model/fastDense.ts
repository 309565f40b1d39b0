import * as tf from "@tensorflow/tfjs";

/**
 * Dense op (x·W + b) whose gradient uses only untransposed matMul operands.
 *
 * Why: on the wasm backend, `matMul(a, b, transposeA/transposeB)` misses XNNPACK's fast path and runs 8–10x
 * slower than `matMul(transpose(a), b)`, and tfjs's default matMul gradient uses the transposed forms.
 * Explicit transposes are cheap copies, so the training step gets several times faster.
 *
 * @param x [b, in]
 * @param w [in, out]
 * @param bias [out]
 * @returns [b, out]
 */
export function fastDense(x: tf.Tensor2D, w: tf.Tensor2D, bias: tf.Tensor1D): tf.Tensor2D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xIn, wIn, bIn, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    save([xIn, wIn]);
    return {
      value: tf.add(tf.matMul(xIn, wIn), bIn),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws] = saved as [tf.Tensor2D, tf.Tensor2D];
        return [
          tf.matMul(dy, tf.transpose(ws)), // dx = dy · Wᵀ
          tf.matMul(tf.transpose(xs), dy), // dW = xᵀ · dy
          tf.sum(dy, 0), // db
        ];
      },
    };
  });
  return op(x, w, bias) as tf.Tensor2D;
}

/**
 * Same as fastDense for an input that needs no gradient (the data fed to the first encoder layer): skips
 * dx = dy · Wᵀ, which for a 784-wide input costs as much as dW.
 *
 * @param x [b, in] treated as a constant
 */
export function fastDenseConstInput(x: tf.Tensor2D, w: tf.Tensor2D, bias: tf.Tensor1D): tf.Tensor2D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [wIn, bIn, save] = args as [tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    // x is not an op input, so save it explicitly: callers build it inside a tidy (e.g. concat with the
    // condition) that ends before backprop runs, and a saved tensor stays alive until the gradient is taken.
    save([x]);
    return {
      value: tf.add(tf.matMul(x, wIn), bIn),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs] = saved as [tf.Tensor2D];
        return [tf.matMul(tf.transpose(xs), dy), tf.sum(dy, 0)];
      },
    };
  });
  return op(w, bias) as tf.Tensor2D;
}

/**
 * fastDense over the input [x, constTail] (concatenated on axis 1) where only x needs a gradient: the decoder's
 * first layer, whose input is [z, condition]. Skips the condition part of dx, which for inpainting (1568 wide
 * against a latent of 20) is most of that layer's backward cost.
 *
 * @param x [b, k] (gradient flows); @param constTail [b, c] (constant); @param w [k + c, out]; @param bias [out]
 */
export function fastDenseConstTail(
  x: tf.Tensor2D,
  constTail: tf.Tensor2D,
  w: tf.Tensor2D,
  bias: tf.Tensor1D,
): tf.Tensor2D {
  const k = x.shape[1];
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xIn, wIn, bIn, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    const input = tf.concat([xIn, constTail], 1);
    save([input, wIn]);
    return {
      value: tf.add(tf.matMul(input, wIn), bIn),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [inputs, ws] = saved as [tf.Tensor2D, tf.Tensor2D];
        const wHead = tf.slice(ws, [0, 0], [k, ws.shape[1]]);
        return [
          tf.matMul(dy, tf.transpose(wHead)), // dx for the x columns only
          tf.matMul(tf.transpose(inputs), dy),
          tf.sum(dy, 0),
        ];
      },
    };
  });
  return op(x, w, bias) as tf.Tensor2D;
}
