/** The create-session form's fields: each knob's name, label, hint, explanation and kind of value. */

export type FieldName =
  | "epochs"
  | "latentDim"
  | "beta"
  | "klWarmupEpochs"
  | "learningRate"
  | "batchSize"
  | "trainSize"
  | "testSize"
  | "encoderHidden"
  | "decoderHidden"
  | "seed";

export interface FieldSpec {
  name: FieldName;
  label: string;
  hint: string;
  /** What the knob does, in a sentence or two: shown on hover and keyboard focus. */
  explain: string;
  kind: "int" | "float" | "layers";
  advanced?: boolean;
}

export const FIELDS: FieldSpec[] = [
  {
    name: "epochs",
    label: "Epochs",
    hint: "passes over the training images",
    explain:
      "One epoch is one pass over every training image. More epochs give sharper digits and a longer wait; 10 is the usual yardstick.",
    kind: "int",
  },
  {
    name: "latentDim",
    label: "Latent size",
    hint: "dimensions of z",
    explain:
      "How many numbers (z) each image is squeezed into. 2 lets you see the whole space as a map; 20 keeps more detail.",
    kind: "int",
  },
  {
    name: "beta",
    label: "β (KL weight)",
    hint: "1 is the true ELBO",
    explain:
      "How hard the codes are pulled towards a standard normal (the KL term). Above 1: a tidier latent space and blurrier digits; below 1: sharper digits, worse samples.",
    kind: "float",
  },
  {
    name: "klWarmupEpochs",
    label: "KL warm-up",
    hint: "epoch by which the KL weight reaches β",
    explain:
      "The KL weight moves from its start value to β by this epoch: from 0 for most presets, so the decoder learns to draw before the codes are squeezed; CVAE on labels starts at 3 and falls to 1, which makes its digits follow the label. 0 = β from the start.",
    kind: "float",
  },
  {
    name: "learningRate",
    label: "Learning rate",
    hint: "Adam step size, e.g. 1e-3",
    explain: "Step size of the Adam optimiser. Too high and the loss jumps about; too low and training crawls.",
    kind: "float",
  },
  {
    name: "batchSize",
    label: "Batch size",
    hint: "images per step",
    explain:
      "Images averaged in one gradient step. Bigger batches train more images per second here, but take fewer steps per epoch.",
    kind: "int",
  },
  {
    name: "trainSize",
    label: "Train size",
    hint: "first N of 60,000 images",
    explain:
      "How many of the 60,000 training images to use (the first N). Fewer is faster; under about 30,000, generated digits get noticeably worse.",
    kind: "int",
  },
  {
    name: "testSize",
    label: "Test size",
    hint: "first N of 10,000 for the test −ELBO",
    explain:
      "How many of the 10,000 held-out test images measure the test −ELBO after each epoch. Fewer is faster and noisier.",
    kind: "int",
    advanced: true,
  },
  {
    name: "encoderHidden",
    label: "Encoder hidden layers",
    hint: "units per layer, e.g. 256, 256",
    explain:
      "Sizes of the encoder's hidden layers, from the image side. Wider or more layers: more capacity, slower steps.",
    kind: "layers",
    advanced: true,
  },
  {
    name: "decoderHidden",
    label: "Decoder hidden layers",
    hint: "units per layer, e.g. 256, 256",
    explain:
      "Sizes of the decoder's hidden layers, from the latent side. Wider or more layers: more capacity, slower steps.",
    kind: "layers",
    advanced: true,
  },
  {
    name: "seed",
    label: "Random seed",
    hint: "same seed, same run",
    explain:
      "Starts every random choice (initial weights, batch order, noise). The same seed and settings train the same model again.",
    kind: "int",
    advanced: true,
  },
];
