import * as fs from "node:fs";
import * as path from "node:path";
import { CheckpointMetaSchema, type CheckpointArtifacts, type ExportedModel } from "../../lib/contracts/training";

/**
 * On-disk export of a checkpoint, loadable by stock `tf.loadLayersModel(".../decoder/model.json")`:
 *   <dir>/encoder/model.json, <dir>/encoder/weights.bin, <dir>/decoder/model.json, <dir>/decoder/weights.bin,
 *   <dir>/meta.json (CheckpointMeta: config, epoch, metrics, condition layout, float16).
 * Float16 or float32 weights are decided when the checkpoint is captured (captureModel's option);
 * this module stores bytes as they are.
 */

export const WEIGHTS_FILE = "weights.bin";

/** Writes via a temporary file + rename so a reader never sees a half-written file (exports are overwritten each epoch). */
function writeAtomic(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

/** model.json whose every weightsManifest group points at the single weights.bin next to it. */
function withLocalWeightPath(modelJson: Record<string, unknown>): Record<string, unknown> {
  const manifest = modelJson.weightsManifest;
  if (!Array.isArray(manifest)) throw new Error("model.json has no weightsManifest");
  if (manifest.length !== 1) throw new Error(`expected one weights group, got ${manifest.length}`);
  return {
    ...modelJson,
    weightsManifest: manifest.map((g: Record<string, unknown>) => ({ ...g, paths: [WEIGHTS_FILE] })),
  };
}

function writeModel(dir: string, model: ExportedModel): void {
  fs.mkdirSync(dir, { recursive: true });
  // weights first: a reader that sees the new model.json finds matching weights.
  writeAtomic(path.join(dir, WEIGHTS_FILE), new Uint8Array(model.weightData));
  writeAtomic(path.join(dir, "model.json"), JSON.stringify(withLocalWeightPath(model.modelJson)));
}

export async function exportModel(dir: string, artifacts: CheckpointArtifacts): Promise<void> {
  const meta = CheckpointMetaSchema.parse(artifacts.meta);
  writeModel(path.join(dir, "encoder"), artifacts.encoder);
  writeModel(path.join(dir, "decoder"), artifacts.decoder);
  writeAtomic(path.join(dir, "meta.json"), JSON.stringify(meta, null, 2));
}

function readModel(dir: string): ExportedModel {
  const modelJson: unknown = JSON.parse(fs.readFileSync(path.join(dir, "model.json"), "utf8"));
  if (!modelJson || typeof modelJson !== "object") throw new Error(`${dir}/model.json is not an object`);
  const bytes = fs.readFileSync(path.join(dir, WEIGHTS_FILE));
  // Copy into a fresh ArrayBuffer: a Buffer may be a view into Node's shared pool.
  const weightData = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(weightData).set(bytes);
  return { modelJson: modelJson as Record<string, unknown>, weightData };
}

/** Reads an export written by exportModel (meta validated with zod). */
export async function readExport(dir: string): Promise<CheckpointArtifacts> {
  if (!fs.existsSync(path.join(dir, "meta.json"))) throw new Error(`no export in ${dir} (meta.json missing)`);
  const meta = CheckpointMetaSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, "meta.json"), "utf8")));
  return { meta, encoder: readModel(path.join(dir, "encoder")), decoder: readModel(path.join(dir, "decoder")) };
}
