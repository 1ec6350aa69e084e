// Retry-After, read once for every client (RFC 9110 §10.2.3): delta-seconds or an HTTP date, in ms from now; anything
// else is no answer, so each client's own policy (src/data/slack/webhook.ts, src/data/pagerduty/client.ts) decides.
import {describe, expect, it} from 'vitest';
import {RETRY_AFTER_MAX_MS, retryAfterMs} from '../../../src/data/http/retry-after.js';

const NOW = Date.UTC(2026, 11, 6, 6, 0, 0);

describe('retryAfterMs', () => {
  it('reads delta-seconds (whole or with a fraction, spaces around allowed)', () => {
    expect(retryAfterMs('7', NOW)).toBe(7_000);
    expect(retryAfterMs(' 120 ', NOW)).toBe(120_000);
    expect(retryAfterMs('0', NOW)).toBe(0);
    expect(retryAfterMs('1.5', NOW)).toBe(1_500);
  });

  it('reads an HTTP date in each of the three forms as the time until it', () => {
    expect(retryAfterMs(new Date(NOW + 20_000).toUTCString(), NOW)).toBe(20_000);
    expect(retryAfterMs('Sunday, 06-Dec-26 06:00:30 GMT', NOW)).toBe(30_000);
    expect(retryAfterMs('Sun Dec  6 06:00:45 2026', NOW)).toBe(45_000);
  });

  it('a date already past means now', () => {
    expect(retryAfterMs(new Date(NOW - 60_000).toUTCString(), NOW)).toBe(0);
  });

  it('garbage is no answer, not a wait: neither a number nor a date a lenient parser makes of it', () => {
    // Date.parse('-5') is a date in 2001, and Date.parse('Sun') none: taken for dates, garbage would read "retry now".
    for (const bad of ['', 'soon', '-5', '5s', '1e3', 'Infinity', '0x10', 'Sun', '12:00:00']) expect(retryAfterMs(bad, NOW), bad).toBeUndefined();
  });

  it('a missing header is no answer', () => {
    expect(retryAfterMs(undefined, NOW)).toBeUndefined();
  });

  it('is bounded: an absurd wait reads as the upper bound (still longer than any client waits)', () => {
    expect(RETRY_AFTER_MAX_MS).toBe(24 * 3_600_000);
    expect(retryAfterMs('99999999999999999999', NOW)).toBe(RETRY_AFTER_MAX_MS);
    expect(retryAfterMs(String(24 * 3600 + 1), NOW)).toBe(RETRY_AFTER_MAX_MS);
    expect(retryAfterMs(String(24 * 3600 - 1), NOW)).toBe(RETRY_AFTER_MAX_MS - 1_000);
    expect(retryAfterMs('Fri, 31 Dec 9999 23:59:59 GMT', NOW)).toBe(RETRY_AFTER_MAX_MS);
  });
});
