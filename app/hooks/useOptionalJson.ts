"use client";

import { useEffect, useState } from "react";
import type { z } from "zod";

/**
 * GET `url` once and parse the body with `schema`: null until it answers, and null for good when it fails or does not
 * parse. For what the page can do without (limits, estimates): the server enforces or recomputes it anyway.
 */
export function useOptionalJson<T>(url: string, schema: z.ZodType<T>): T | null {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    let cancelled = false;
    fetch(url)
      .then((res) => (res.ok ? res.json() : null))
      .then((body: unknown) => {
        const parsed = schema.safeParse(body);
        if (!cancelled && parsed.success) setValue(parsed.data);
      })
      .catch(() => {
        // optional by definition: the caller works without it
      });
    return () => {
      cancelled = true;
    };
  }, [url, schema]);
  return value;
}
