// ASP.NET Core health-check answers (runbook, "Health Check Response Format") → a status, entries and duration.
// Anything else becomes Unknown with the reason, never an exception.
import type {CheckEntry, HealthStatus} from '../readings/types.js';
import {sanitizeLine} from '../text/sanitize.js';

/** What one probe said. */
export interface ProbeResult {
  readonly status: HealthStatus;
  /** Why the status is Unknown (or what the HTTP status added), already sanitised. */
  readonly reason?: string;
  readonly checks?: readonly CheckEntry[];
  readonly durationMs?: number;
}

const STATUSES: Readonly<Record<string, HealthStatus>> = {healthy: 'Healthy', degraded: 'Degraded', unhealthy: 'Unhealthy'};
const MAX_ENTRIES = 100;
const MAX_TEXT = 300;

const clip = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text);
const clean = (v: unknown) => (typeof v === 'string' ? clip(sanitizeLine(v).trim()) : undefined);

/** Parses a .NET TimeSpan (`[d.]hh:mm:ss[.fffffff]`) to milliseconds. */
export function parseTimeSpan(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$/.exec(text.trim());
  if (!m) return undefined;
  const [, d = '0', h = '0', min = '0', s = '0', frac = ''] = m;
  return ((Number(d) * 24 + Number(h)) * 60 + Number(min)) * 60_000 + Number(s) * 1000 + Number(`0.${frac || '0'}`) * 1000;
}

/** A status word as ASP.NET writes it, or undefined. */
export function statusWord(v: unknown): HealthStatus | undefined {
  return typeof v === 'string' ? STATUSES[v.trim().toLowerCase()] : undefined;
}

function entries(value: unknown): CheckEntry[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value as Record<string, unknown>)
    .slice(0, MAX_ENTRIES)
    .map(([name, raw]) => {
      const e = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
      const exception = clean(e.exception)?.split(/ {2,}| at /)[0];
      return {
        name: clip(sanitizeLine(name)),
        status: statusWord(e.status) ?? 'Unknown',
        description: clean(e.description),
        durationMs: parseTimeSpan(e.duration),
        exception: exception || undefined,
      };
    });
}

/** A short, safe description of a body that is not health JSON. */
function describeBody(body: string, contentType: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1];
  if (title !== undefined || /^\s*</.test(body) || /html/i.test(contentType)) return `an HTML page${title ? ` ("${clip(sanitizeLine(title).trim())}")` : ''}`;
  const first = sanitizeLine(body).trim().slice(0, 60);
  return first ? `non-JSON text "${first}${body.trim().length > 60 ? '…' : ''}"` : 'an empty body';
}

/** Interprets one HTTP answer of `/health/ready` or `/health/live`. */
export function parseHealthAnswer(code: number, contentType: string, body: string): ProbeResult {
  const http = `HTTP ${code}`;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    // ASP.NET's default writer answers the bare status word as text/plain.
    const word = statusWord(body);
    if (word && body.trim().length < 16) return {status: word};
    return {status: 'Unknown', reason: `${http} with ${describeBody(body, contentType)} instead of health JSON`};
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return {status: 'Unknown', reason: `${http}: unexpected JSON (not an object)`};
  const doc = json as Record<string, unknown>;
  const status = statusWord(doc.status);
  if (!status) return {status: 'Unknown', reason: `${http}: unexpected JSON shape (no "status" of Healthy, Degraded or Unhealthy)`};
  const result = {status, checks: entries(doc.entries), durationMs: parseTimeSpan(doc.totalDuration)};
  // 200 for Healthy/Degraded and 503 for Unhealthy are the runbook's contract; anything else is worth saying.
  const expected = status === 'Unhealthy' ? code === 503 || code === 200 : code === 200;
  return expected ? result : {...result, reason: `${http} with status ${status}`};
}
