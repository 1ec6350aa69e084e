// ATP health endpoints as ASP.NET Core writes them (runbook, "Health Check Response Format").
import type {ServiceHealth} from '../readings/types.js';

/** A .NET TimeSpan string (`hh:mm:ss.fffffff`) for a duration in milliseconds. */
export function timeSpan(ms: number): string {
  const whole = Math.max(0, ms);
  const h = Math.floor(whole / 3_600_000);
  const m = Math.floor((whole % 3_600_000) / 60_000);
  const s = Math.floor((whole % 60_000) / 1000);
  const ticks = Math.round((whole % 1000) * 10_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(h)}:${two(m)}:${two(s)}.${String(ticks).padStart(7, '0')}`;
}

/** An HTTP answer for a probe, or `down` when the service has no ready pod (the connection is dropped). */
export type ProbeAnswer = {readonly code: number; readonly body: unknown} | 'down';

/** `/health/ready` or `/health/live` of one service in one region. */
export function probeAnswer(row: ServiceHealth, probe: 'ready' | 'live'): ProbeAnswer {
  if (row.podsReady === 0 || !row.checks) return 'down';
  if (probe === 'live') {
    return {
      code: 200,
      body: {
        status: 'Healthy',
        totalDuration: timeSpan(0.4),
        entries: {self: {status: 'Healthy', description: 'Process is responsive', duration: timeSpan(0.2)}},
      },
    };
  }
  const status = row.status ?? 'Healthy';
  const entries = Object.fromEntries(
    row.checks.map((c) => [
      c.name,
      {
        status: c.status,
        description: c.description,
        duration: timeSpan(c.durationMs ?? 0),
        ...(c.status === 'Unhealthy' ? {exception: `System.InvalidOperationException: ${c.description ?? c.name}`} : {}),
      },
    ]),
  );
  return {code: status === 'Unhealthy' ? 503 : 200, body: {status, totalDuration: timeSpan(row.checkDurationMs ?? 0), entries}};
}
