// Retry-After (RFC 9110 §10.2.3), read once for every client: delta-seconds or an HTTP date, as milliseconds from now.
// Only reading is shared: how long a client is willing to wait, how often it retries and what it does without an
// answer are each client's own documented choices (src/data/slack/webhook.ts, src/data/pagerduty/client.ts).

/**
 * The longest wait this reads (a day). A server asking for more is answered with this: the figure stays printable in
 * "try again in Ns", and stays within what a timer can hold (setTimeout fires at once past about 24.8 days).
 */
export const RETRY_AFTER_MAX_MS = 24 * 3_600_000;

// delta-seconds is digits; a fraction is tolerated (some servers send one). Nothing else is a number here: Number()
// would take '', '1e3' and '0x10'.
const SECONDS = /^\d+(\.\d+)?$/;
// All three HTTP-date forms begin with the day's name ("Sun, 06 Dec 2026 …", "Sunday, 06-Dec-26 …", "Sun Dec  6 …").
// Date.parse alone is lenient: it reads "-5" as a date in 2001, which would mean "retry at once".
const HTTP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? .*\d\d:\d\d:\d\d/;

/** The wait a Retry-After header asks for, in ms (0 for a date already past, at most RETRY_AFTER_MAX_MS), or undefined. */
export function retryAfterMs(header: string | undefined, now: number): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  let ms: number;
  if (SECONDS.test(value)) ms = Math.round(Number(value) * 1000);
  else if (HTTP_DATE.test(value)) ms = Date.parse(value) - now;
  else return undefined;
  if (Number.isNaN(ms)) return undefined;
  return Math.min(RETRY_AFTER_MAX_MS, Math.max(0, ms));
}
