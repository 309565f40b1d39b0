/** The CLI flags of a tiny `train` run (vae-seed on 200 images, hidden 32, latent 4): seconds, as the CLI tests want. */
export const tinyTrainArgs = (epochs: number, out: string): string[] => [
  "--preset",
  "vae-seed",
  "--epochs",
  String(epochs),
  "--train-size",
  "200",
  "--test-size",
  "100",
  "--batch",
  "50",
  "--hidden",
  "32",
  "--latent",
  "4",
  "--out",
  out,
];
