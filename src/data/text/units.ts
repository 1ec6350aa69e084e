// Number, duration and time formatting shared by every pane and by alert texts (one value, one unit, everywhere).

/** Compact duration: 42s, 34m, 1h12m, 3d4h. */
export function duration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h}h${String(m % 60).padStart(2, '0')}m` : `${h}h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d}d${h % 24}h` : `${d}d`;
}

/** Seconds as a duration. */
export const seconds = (s: number | undefined): string => (s === undefined ? '—' : s < 10 ? `${s.toFixed(1)}s` : duration(s * 1000));

/** 1234 → 1.2k, 1_500_000 → 1.5M. */
export function count(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '—';
  const a = Math.abs(n);
  if (a < 1000) return Number.isInteger(n) ? String(n) : n.toFixed(a < 10 ? 1 : 0);
  if (a < 1_000_000) return `${(n / 1000).toFixed(a < 10_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

/** A ratio as a percentage: 0.0523 → 5.2%. */
export function percent(ratio: number | undefined, digits = 1): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return '—';
  const p = ratio * 100;
  return `${p < 0.1 && p > 0 ? p.toFixed(2) : p.toFixed(digits)}%`;
}

export function millis(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  return ms >= 10_000 ? `${(ms / 1000).toFixed(0)}s` : ms >= 1000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.round(ms)}ms`;
}

/** UTC clock: 03:12:04Z. */
export function utcClock(t: number): string {
  return `${new Date(t).toISOString().slice(11, 19)}Z`;
}

/** UTC date and time: 2026-11-28 03:12Z. */
export function utcStamp(t: number): string {
  const iso = new Date(t).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}Z`;
}

/** A burn rate: 0.31x, 14.4x, 596x. */
export function burn(rate: number | undefined): string {
  if (rate === undefined || !Number.isFinite(rate)) return '—';
  return rate >= 100 ? `${rate.toFixed(0)}x` : rate >= 10 ? `${rate.toFixed(1)}x` : `${rate.toFixed(2)}x`;
}
