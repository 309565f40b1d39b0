"use client";

import { useEffect, useState } from "react";
import { ThroughputResponseSchema, type ThroughputResponse } from "../../../lib/contracts/throughput";

/** This server's measured training speeds (GET /api/throughput), or null until known; no estimate beats a wrong one. */
export function useThroughput(): ThroughputResponse | null {
  const [value, setValue] = useState<ThroughputResponse | null>(null);
  useEffect(() => {
    let cancelled = false;
    fetch("/api/throughput")
      .then((res) => (res.ok ? res.json() : null))
      .then((body: unknown) => {
        const parsed = ThroughputResponseSchema.safeParse(body);
        if (!cancelled && parsed.success) setValue(parsed.data);
      })
      .catch(() => {
        // the estimate is a nicety: without it the form works as before
      });
    return () => {
      cancelled = true;
    };
  }, []);
  return value;
}
