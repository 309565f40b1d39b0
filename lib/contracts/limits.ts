import { z } from "zod";

/**
 * What one visitor may spend on this server (lib/budget/limits.ts enforces it; server/config/env.ts reads it from the
 * environment): the body of GET /api/limits, which the home form shows before Train is pressed.
 */
export const RunLimitsSchema = z.object({
  /** Trainable parameters of encoder + decoder (MAX_MODEL_PARAMS). */
  maxModelParams: z.number().int().positive(),
  /** Estimated peak server memory of one run, in MB (MAX_RUN_MEMORY_MB). */
  maxRunMemoryMb: z.number().int().positive(),
  /** Training images one run goes through: epochs × train size (MAX_RUN_IMAGES). */
  maxRunImages: z.number().int().positive(),
  /** Runs one client may have waiting, training or paused at once (CLIENT_MAX_ACTIVE_RUNS). */
  clientMaxActiveRuns: z.number().int().positive(),
});
export type RunLimits = z.infer<typeof RunLimitsSchema>;

/** GET /api/limits */
export const LimitsResponseSchema = z.object({ limits: RunLimitsSchema });
export type LimitsResponse = z.infer<typeof LimitsResponseSchema>;
