// Loaded into every test process by scripts/run-tests.cjs (--require). TensorFlow.js's cpu backend greets each Node
// process that uses it with an advertisement for tfjs-node ("Hi, looks like you are running TensorFlow.js in
// Node.js…"); the unit tests run small models on cpu on purpose, so in test output it is noise that looks like a
// problem. This drops exactly that message; every other warning still prints.
const BANNER = "looks like you are running TensorFlow.js in Node.js";
const warn = console.warn;
console.warn = (...args) => {
  if (args.some((a) => typeof a === "string" && a.includes(BANNER))) return;
  warn.apply(console, args);
};
