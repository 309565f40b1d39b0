/**
 * Colours of the ten digits (or Fashion-MNIST classes) in latent scatters, index = label: the colour-blind-safe
 * Okabe–Ito set (its black swapped for pale grey, to show on a dark tile) plus pear and pink from Paul Tol's "light"
 * scheme. No ten colours stay apart for every kind of colour vision, so the pages never rely on colour alone: the
 * legend highlights one digit at a time, points can be drawn as their digit, and a table gives each digit's centre.
 * Every colour has at least 3:1 contrast against the dark tile (#0f172a; the lowest, blue, 3.4:1), as WCAG asks of
 * graphics.
 */
export const DIGIT_PALETTE = [
  "#56b4e9", // 0 sky blue
  "#e69f00", // 1 orange
  "#009e73", // 2 bluish green
  "#f0e442", // 3 yellow
  "#0072b2", // 4 blue
  "#d55e00", // 5 vermillion
  "#cc79a7", // 6 reddish purple
  "#dddddd", // 7 pale grey
  "#bbcc33", // 8 pear
  "#ffaabb", // 9 pink
] as const;

/** A digit's colour as [r, g, b] bytes (server-side PNGs). */
export function digitRgb(label: number): [number, number, number] {
  const hex = DIGIT_PALETTE[((label % 10) + 10) % 10]!;
  return [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16)];
}
