import { z } from "zod";
import { PRESET_IDS, type PresetId } from "../model/config";

/** GET /api/throughput: how fast this server trains each preset (lib/estimate/trainingTime.ts estimates from it). */
export const PresetThroughputSchema = z.object({
  /** "measured": from finished runs on this server; "fallback": no such run yet, documented defaults. */
  source: z.enum(["measured", "fallback"]),
  /** Finished runs the numbers come from (0 for the fallback). */
  runs: z.number().int().min(0),
  /** Training speed as dense-layer multiply-accumulates per second (forward pass; backward is proportional). */
  macsPerSecond: z.number().positive(),
  /** The same speed in images per second, at the preset's default layer sizes. */
  imgPerSecAtDefaults: z.number().positive(),
  /** Per-epoch time besides training: test evaluation, sample grids, checkpoint. */
  epochOverheadSeconds: z.number().min(0),
  /** From job start to the first training step: worker start, data loading. */
  startupSeconds: z.number().min(0),
});
export type PresetThroughput = z.infer<typeof PresetThroughputSchema>;

export const ThroughputResponseSchema = z.object({
  presets: z.object(
    Object.fromEntries(PRESET_IDS.map((id) => [id, PresetThroughputSchema])) as Record<
      PresetId,
      typeof PresetThroughputSchema
    >,
  ),
});
export type ThroughputResponse = z.infer<typeof ThroughputResponseSchema>;
