import { type PresetId } from "../../../lib/model/config";
import { PRESETS } from "../../../lib/model/presets";

/** A card on the home page: one preset, or the seed comparison (two runs overlaid). */
export type Choice = PresetId | "seed-comparison";

/**
 * A card on the home page: one preset, or the seed comparison (two runs overlaid). `purpose` says in one
 * plain sentence what it is for; `architecture` is the layer sizes, for those who want them.
 */
export interface PresetChoice {
  id: Choice;
  title: string;
  purpose: string;
  architecture: string;
  presets: PresetId[];
}

export const CHOICES: PresetChoice[] = [
  {
    id: "vae-seed",
    title: PRESETS["vae-seed"].label,
    purpose: "Learns to squeeze digits into 20 numbers and draw them back: start here to see a VAE learn.",
    architecture: "784-256-256 → z20 → 256-256-784",
    presets: ["vae-seed"],
  },
  {
    id: "cvae-label",
    title: PRESETS["cvae-label"].label,
    purpose: "Also told which digit each image is, so afterwards you can ask it for a 7 and get 7s.",
    architecture: "[x, one-hot] 794-512 → z20; [z, one-hot] 30-512-784",
    presets: ["cvae-label"],
  },
  {
    id: "cvae-inpaint",
    title: PRESETS["cvae-inpaint"].label,
    purpose: "Learns to fill in a missing square in the middle of a digit from the pixels around it.",
    architecture: "condition: visible pixels + mask; 512 → z20 → 512",
    presets: ["cvae-inpaint"],
  },
  {
    id: "vae-pytorch",
    title: PRESETS["vae-pytorch"].label,
    purpose: "The model from PyTorch's official examples, to compare this app's numbers with published ones.",
    architecture: "784-400 → z20 → 400-784 (~105.6 nats after 10 epochs)",
    presets: ["vae-pytorch"],
  },
  {
    id: "seed-comparison",
    title: "Seed comparison",
    purpose: "Trains the plain VAE and the label CVAE side by side, so you can compare their curves and digits.",
    architecture: "VAE (seed) + CVAE on labels, overlaid",
    presets: ["vae-seed", "cvae-label"],
  },
];
