// ASP.NET Core health-check answers: the runbook's three examples, the plain-text writer, and bad answers.
import {describe, expect, it} from 'vitest';
import {parseHealthAnswer, parseTimeSpan} from '../../../src/data/health/parse.js';

const RUNBOOK_UNHEALTHY = JSON.stringify({
  status: 'Unhealthy',
  totalDuration: '00:00:01.0000000',
  entries: {
    database: {
      status: 'Unhealthy',
      description: 'Azure SQL connection failed: Timeout',
      exception: 'System.Data.SqlClient.SqlException: Timeout expired...',
      duration: '00:00:01.0000000',
    },
  },
});

describe('parseTimeSpan', () => {
  it('reads .NET TimeSpan strings, with days and 7-digit fractions', () => {
    expect(parseTimeSpan('00:00:00.1234567')).toBeCloseTo(123.4567, 4);
    expect(parseTimeSpan('00:01:02')).toBe(62_000);
    expect(parseTimeSpan('1.00:00:00.5')).toBe(86_400_500);
    expect(parseTimeSpan('soon')).toBeUndefined();
    expect(parseTimeSpan(12)).toBeUndefined();
  });
});

describe('parseHealthAnswer', () => {
  it('reads the runbook examples: status, every entry with description, exception and duration', () => {
    const degraded = parseHealthAnswer(
      200,
      'application/json',
      JSON.stringify({
        status: 'Degraded',
        totalDuration: '00:00:00.5000000',
        entries: {
          database: {status: 'Healthy'},
          cache: {status: 'Degraded', description: 'Redis cache: Degraded performance, high latency (150ms avg)', duration: '00:00:00.4567890'},
        },
      }),
    );
    expect(degraded).toEqual({
      status: 'Degraded',
      durationMs: 500,
      checks: [
        {name: 'database', status: 'Healthy', description: undefined, durationMs: undefined, exception: undefined},
        {
          name: 'cache',
          status: 'Degraded',
          description: 'Redis cache: Degraded performance, high latency (150ms avg)',
          durationMs: 456.789,
          exception: undefined,
        },
      ],
    });
    const unhealthy = parseHealthAnswer(503, 'application/json', RUNBOOK_UNHEALTHY);
    expect(unhealthy).toMatchObject({
      status: 'Unhealthy',
      durationMs: 1000,
      checks: [{name: 'database', status: 'Unhealthy', exception: 'System.Data.SqlClient.SqlException: Timeout expired...'}],
    });
    expect(unhealthy.reason).toBeUndefined();
  });

  it("accepts ASP.NET's default plain-text writer (the bare status word)", () => {
    expect(parseHealthAnswer(200, 'text/plain', 'Healthy')).toEqual({status: 'Healthy'});
    expect(parseHealthAnswer(503, 'text/plain', 'Unhealthy\n')).toEqual({status: 'Unhealthy'});
  });

  it('turns bad answers into Unknown with the reason', () => {
    expect(parseHealthAnswer(200, 'text/plain', 'OK, all good')).toEqual({
      status: 'Unknown',
      reason: 'HTTP 200 with non-JSON text "OK, all good" instead of health JSON',
    });
    expect(parseHealthAnswer(502, 'text/html', '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>')).toEqual({
      status: 'Unknown',
      reason: 'HTTP 502 with an HTML page ("502 Bad Gateway") instead of health JSON',
    });
    expect(parseHealthAnswer(503, 'text/plain', 'upstream connect error or disconnect/reset before headers')).toMatchObject({
      status: 'Unknown',
      reason: expect.stringMatching(/^HTTP 503 with non-JSON text "upstream connect/),
    });
    expect(parseHealthAnswer(200, 'application/json', '{"healthy": true}')).toEqual({
      status: 'Unknown',
      reason: 'HTTP 200: unexpected JSON shape (no "status" of Healthy, Degraded or Unhealthy)',
    });
    expect(parseHealthAnswer(200, 'application/json', '[1,2]')).toEqual({status: 'Unknown', reason: 'HTTP 200: unexpected JSON (not an object)'});
    expect(parseHealthAnswer(200, 'application/json', '')).toEqual({status: 'Unknown', reason: 'HTTP 200 with an empty body instead of health JSON'});
    expect(parseHealthAnswer(500, 'application/json', '{"status":"Healthy"}')).toMatchObject({status: 'Healthy', reason: 'HTTP 500 with status Healthy'});
  });

  it('strips terminal control sequences from every outside string', () => {
    const hostile = JSON.stringify({
      status: 'Degraded',
      entries: {'\u001b]0;pwned\u0007cache': {status: 'Degraded', description: 'slow \u001b[2J\u001b[Hcache\u202e', exception: 'Boom\u001b[31m!'}},
    });
    const result = parseHealthAnswer(200, 'application/json', hostile);
    expect(result.checks?.[0]).toMatchObject({name: 'cache', description: 'slow cache', exception: 'Boom!'});
    expect(JSON.stringify(result)).not.toMatch(/\\u001b|\u202e/);
  });
});
