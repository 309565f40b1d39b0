/** Issue 10's attack: the largest model the validation once allowed (hidden 2048 x 4, latent 64, batch 1024). */
export const ATTACK_OVERRIDES = {
  encoderHidden: [2048, 2048, 2048, 2048],
  decoderHidden: [2048, 2048, 2048, 2048],
  latentDim: 64,
  batchSize: 1024,
  trainSize: 1000,
  epochs: 20,
};
