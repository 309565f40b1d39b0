// Entry of the training worker thread. Worker threads do not inherit tsx's TypeScript loader reliably
// (Node 20 loads a worker's .ts entry with the plain ESM loader: "Unknown file extension .ts"), so this
// small CommonJS file registers tsx's CJS hook first when the entry is TypeScript, then loads it.
const { workerData } = require("node:worker_threads");
const entry = workerData && workerData.entry;
if (typeof entry !== "string") throw new Error("training worker: workerData.entry is missing");
if (/\.[cm]?tsx?$/.test(entry)) require("tsx/cjs");
require(entry);
