import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadDataset, loadMnist, MNIST_FILES } from "../../../../server/data/mnist";
import { verifyMd5 } from "../../../../server/data/checksum";
import { mnistSourceDir } from "../../../../server/data/paths";
import { FASHION_MISSING_MESSAGE } from "../../../../server/data/fashion";

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), "vae-data-"));

test("loadMnist returns the first N examples of each split with sane pixels and labels", () => {
  const data = loadMnist(200, 100, { dataDir: tmp() });
  assert.equal(data.trainCount, 200);
  assert.equal(data.testCount, 100);
  assert.equal(data.trainImages.length, 200 * 784);
  assert.equal(data.testImages.length, 100 * 784);
  assert.equal(data.trainLabels.length, 200);
  // The first five MNIST training labels are famous: 5 0 4 1 9; the first test labels 7 2 1 0 4.
  assert.deepEqual([...data.trainLabels.subarray(0, 5)], [5, 0, 4, 1, 9]);
  assert.deepEqual([...data.testLabels.subarray(0, 5)], [7, 2, 1, 0, 4]);
  const max = data.trainImages.reduce((m, v) => Math.max(m, v), 0);
  assert.equal(max, 255);
});

test("md5 verification is cached in a stamp file and skipped on the next check", () => {
  const stampDir = tmp();
  const file = path.join(mnistSourceDir(), MNIST_FILES.testLabels.name);
  // A fresh stamp dir in this process may still hit the in-process cache of an earlier test, so use a copy.
  const copy = path.join(tmp(), MNIST_FILES.testLabels.name);
  fs.copyFileSync(file, copy);
  assert.equal(verifyMd5(copy, MNIST_FILES.testLabels.md5, stampDir), true, "first check computes the md5");
  assert.equal(verifyMd5(copy, MNIST_FILES.testLabels.md5, stampDir), false, "second check uses the cache");
  const stamps = JSON.parse(fs.readFileSync(path.join(stampDir, "verified-md5.json"), "utf8")) as Record<string, string>;
  assert.equal(Object.values(stamps)[0], MNIST_FILES.testLabels.md5);
});

test("a corrupted copy of the data is rejected with a checksum error", () => {
  const source = tmp();
  for (const f of Object.values(MNIST_FILES)) fs.copyFileSync(path.join(mnistSourceDir(), f.name), path.join(source, f.name));
  const victim = path.join(source, MNIST_FILES.trainLabels.name);
  const bytes = fs.readFileSync(victim);
  bytes[100] = (bytes[100]! + 1) % 10; // still a valid label, so only the md5 can tell
  fs.writeFileSync(victim, bytes);
  assert.throws(() => loadMnist(100, 100, { sourceDir: source, dataDir: tmp() }), /checksum mismatch.*train-labels/);
});

test("a file changed after it was stamped is hashed again (stamp keyed by size and mtime)", () => {
  const stampDir = tmp();
  const copy = path.join(tmp(), "labels");
  fs.copyFileSync(path.join(mnistSourceDir(), MNIST_FILES.testLabels.name), copy);
  verifyMd5(copy, MNIST_FILES.testLabels.md5, stampDir);
  fs.appendFileSync(copy, Buffer.from([1]));
  assert.throws(() => verifyMd5(copy, MNIST_FILES.testLabels.md5, stampDir), /checksum mismatch/);
});

test("Fashion-MNIST missing gives the install hint", () => {
  assert.throws(
    () => loadDataset("fashion-mnist", 100, 100, { sourceDir: path.join(tmp(), "nowhere"), dataDir: tmp() }),
    (e: unknown) => e instanceof Error && e.message.startsWith(FASHION_MISSING_MESSAGE),
  );
  assert.equal(FASHION_MISSING_MESSAGE, "Fashion-MNIST is not installed: apt-get install dataset-fashion-mnist");
});

test("Fashion-MNIST loads from Debian's package when it is installed", { skip: !fs.existsSync("/usr/share/datasets/fashion-mnist") }, () => {
  const data = loadDataset("fashion-mnist", 100, 50, { dataDir: tmp() });
  assert.equal(data.trainCount, 100);
  assert.equal(data.testImages.length, 50 * 784);
  // Fashion-MNIST's first training label is 9 (ankle boot).
  assert.equal(data.trainLabels[0], 9);
});

test("asking for more examples than the split has is an error", () => {
  assert.throws(() => loadMnist(100, 10001, { dataDir: tmp() }), /asked for 10001/);
});
