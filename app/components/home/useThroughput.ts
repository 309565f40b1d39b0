"use client";

import { ThroughputResponseSchema, type ThroughputResponse } from "../../../lib/contracts/throughput";
import { useOptionalJson } from "../../hooks/useOptionalJson";

/**
 * This server's measured training speeds (GET /api/throughput), or null until known; no estimate beats a wrong one
 * (the estimate is a nicety: without it the form works as before).
 */
export function useThroughput(): ThroughputResponse | null {
  return useOptionalJson("/api/throughput", ThroughputResponseSchema);
}
