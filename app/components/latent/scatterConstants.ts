/** One line under the scatters: what is drawn (server/training/loop/latentScatter.ts). */
export const LATENT_SCATTER_POINTS_TEXT =
  "Each epoch, the first 2,000 test images are encoded (their mean μ) and drawn in 2-D, coloured by digit. Press a digit in the key to highlight it.";
