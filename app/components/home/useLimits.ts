"use client";

import { useEffect, useState } from "react";
import { LimitsResponseSchema, type RunLimits } from "../../../lib/contracts/limits";

/** What one visitor may spend on this server (GET /api/limits), or null until known; the server enforces it anyway. */
export function useLimits(): RunLimits | null {
  const [limits, setLimits] = useState<RunLimits | null>(null);
  useEffect(() => {
    let cancelled = false;
    fetch("/api/limits")
      .then((res) => (res.ok ? res.json() : null))
      .then((body: unknown) => {
        const parsed = LimitsResponseSchema.safeParse(body);
        if (!cancelled && parsed.success) setLimits(parsed.data.limits);
      })
      .catch(() => {
        // shown when known; without it the server still answers with the limit a run exceeds
      });
    return () => {
      cancelled = true;
    };
  }, []);
  return limits;
}
