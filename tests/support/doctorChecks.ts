/** Every check `npm run doctor` reports, by the name its line shows. */
export const DOCTOR_CHECK_NAMES = [
  "training speed",
  "tfjs-node",
  "native kernels",
  "OpenBLAS headers",
  "Chromium",
  "PostgreSQL (tests)",
  "Redis",
  "Fashion-MNIST",
  "judge classifier",
];

/** The start of a check's line: one of `marks`, then its name. */
export const checkLine = (name: string, marks: string): RegExp =>
  new RegExp(`^[${marks}] ${name.replace(/[()]/g, "\\$&")}`, "m");
