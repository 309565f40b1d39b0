/** Number and time formatting with units, the way the UI speaks ("2,310 img/s", "41 s left"). */

const intFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** 2310.4 -> "2,310". */
export function formatInt(n: number): string {
  return Number.isFinite(n) ? intFormat.format(n) : "–";
}

/** Losses in nats: one decimal above 10, three significant digits below. */
export function formatNats(n: number): string {
  if (!Number.isFinite(n)) return "–";
  return Math.abs(n) >= 10 ? n.toFixed(1) : n.toPrecision(3);
}

/** Seconds to "41 s", "2 min 05 s", "1 h 03 min". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "–";
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")} min`;
}

/** Axis tick label: compact, no trailing zeros ("1.5k", "0.02", "120"). */
export function formatTick(n: number): string {
  const a = Math.abs(n);
  if (a >= 10000) return `${Number((n / 1000).toPrecision(3))}k`;
  if (a >= 1 || a === 0) return String(Number(n.toPrecision(4)));
  return String(Number(n.toPrecision(2)));
}

/** ISO date to "Nov 26, 17:05" in the viewer's time zone; "just now" within a minute. */
export function formatCreated(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const ageS = (now.getTime() - d.getTime()) / 1000;
  if (ageS >= 0 && ageS < 60) return "just now";
  if (ageS >= 0 && ageS < 3600) return `${Math.floor(ageS / 60)} min ago`;
  return d.toLocaleString("en-US", {
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  });
}
