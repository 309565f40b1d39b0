// Run by priority.test.ts in a child process (so the test runner keeps its own priority).
import fs from "node:fs";
import { Worker } from "node:worker_threads";
import { lowerCpuPriority } from "../../../../server/runtime/priority";

const line = lowerCpuPriority(7);
// /proc/<pid>/task/<tid>/stat: the thread's nice value is field 19, the 17th after the parenthesised name
const nices = fs
  .readdirSync("/proc/self/task")
  .map((tid) => Number(fs.readFileSync(`/proc/self/task/${tid}/stat`, "utf8").split(") ")[1]!.split(" ")[16]));
const worker = new Worker("require('node:worker_threads').parentPort.postMessage(require('node:os').getPriority(0))", {
  eval: true,
});
worker.once("message", (workerNice: number) => {
  console.log(JSON.stringify({ line, nices, workerNice }));
  void worker.terminate();
});
