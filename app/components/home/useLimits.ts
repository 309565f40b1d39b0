"use client";

import { LimitsResponseSchema, type RunLimits } from "../../../lib/contracts/limits";
import { useOptionalJson } from "../../hooks/useOptionalJson";

/**
 * What one visitor may spend on this server (GET /api/limits), or null until known; the server enforces it anyway
 * (without it the server still answers with the limit a run exceeds).
 */
export function useLimits(): RunLimits | null {
  return useOptionalJson("/api/limits", LimitsResponseSchema)?.limits ?? null;
}
