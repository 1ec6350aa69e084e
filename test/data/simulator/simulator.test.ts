// The simulator on a manual clock: its counters agree with the demo's SLO model, its history joins the live
// counters without a reset, and it answers scrapes, probes, ground truth and backfill.
import type {AddressInfo} from 'node:net';
import {describe, expect, it} from 'vitest';
import {ManualClock} from '../../../src/data/clock.js';
import {healthReading} from '../../../src/data/demo/readings.js';
import {observe, emptyHistogram, DURATION_BUCKETS, slowerThan} from '../../../src/data/simulator/latency.js';
import {serveSimulator} from '../../../src/data/simulator/server.js';
import {Simulator} from '../../../src/data/simulator/simulator.js';
import {timeSpan} from '../../../src/data/simulator/health-json.js';

describe('latency model', () => {
  it('puts the demo SLO share above the limit: 0.05 · (P95 / L)³, capped', () => {
    const h = emptyHistogram(DURATION_BUCKETS);
    observe(h, DURATION_BUCKETS, 1000, 0.18, 0.9, 30);
    const le05 = h.buckets[DURATION_BUCKETS.indexOf(0.5)]!;
    expect(1 - le05 / h.count).toBeCloseTo(0.05 * (0.18 / 0.5) ** 3, 10);
    expect(slowerThan(2, 0.5, 0.9)).toBe(0.9);
    const down = emptyHistogram(DURATION_BUCKETS);
    observe(down, DURATION_BUCKETS, 10, 0, 0.9, 30);
    expect(down).toMatchObject({count: 10, sum: 300});
    expect(down.buckets.every((b) => b === 0)).toBe(true);
    expect(timeSpan(1234.5678)).toBe('00:00:01.2345678');
  });
});

describe('Simulator', () => {
  const clock = new ManualClock();
  const sim = new Simulator({scenario: 'bad-deploy', seed: 1, clock});

  it('joins the synthetic history and the simulated counters without a counter reset', () => {
    clock.advance(60_000);
    const series = [...sim.recorder.series.values()];
    expect(series.length).toBeGreaterThan(600);
    for (const s of series.filter((x) => /_total|_bucket|_count|_sum/.test(x.name))) {
      for (let i = 1; i < s.values.length; i++) expect(s.values[i]!, `${s.name} ${JSON.stringify(s.labels)}`).toBeGreaterThanOrEqual(s.values[i - 1]!);
    }
    const requests = series.find((s) => s.name === 'http_requests_received_total' && s.labels.service === 'gateway' && s.labels.code === '200')!;
    // Three days of history before the first simulated step.
    expect(requests.times[0]!).toBeLessThan(sim.recorder.firstStep! - 3 * 86_400_000);
  });

  it('serves /metrics, probes in ASP.NET JSON, /truth and an OpenMetrics backfill', async () => {
    const {server, url} = await serveSimulator(sim, '127.0.0.1', 0);
    try {
      const metrics = await (await fetch(`${url}/metrics`)).text();
      expect(metrics).toContain('# TYPE http_request_duration_seconds histogram');
      expect(metrics).toMatch(/^http_requests_received_total\{service="ingestion",region="us-east",code="500"\} \d/m);
      expect(metrics).toMatch(/^aspnetcore_healthcheck_status\{service="projection",region="eu-west",name="lag"\} 1$/m);
      const ready = await fetch(`${url}/health/ingestion/us-east/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        status: 'Healthy',
        totalDuration: expect.stringMatching(/^00:00:00\.\d{7}$/),
        entries: {database: {status: 'Healthy'}},
      });
      expect((await fetch(`${url}/health/nope/us-east/ready`)).status).toBe(404);
      const truth = (await (await fetch(`${url}/truth`)).json()) as {health: {service: string}[]; alerts: {name: string; state: string}[]};
      expect(truth.health).toHaveLength(healthReading(sim.world).services.length);
      expect(
        truth.alerts
          .filter((a) => a.state === 'firing')
          .map((a) => a.name)
          .sort(),
      ).toEqual(['ErrorBudgetBurn', 'HighErrorRate', 'HighLatency']);
      const backfill = await (await fetch(`${url}/backfill?job=atp&instance=x:1&interval=60`)).text();
      expect(backfill.startsWith('# HELP http_requests_received ')).toBe(true);
      expect(backfill.endsWith('# EOF\n')).toBe(true);
      expect(backfill).toMatch(/^http_requests_received_total\{service="gateway",region="us-east",code="200",job="atp",instance="x:1"\} [\d.e+]+ \d+\.\d{3}$/m);
      // 30 days of Sloth's 5-minute ratio at the evaluation interval, for each of the four SLOs.
      expect(backfill.match(/^slo:sli_error:ratio_rate5m\{/gm)?.length).toBeGreaterThanOrEqual(4 * 30 * 24 * 60);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
    expect((server.address() as AddressInfo | null) ?? null).toBeNull();
  }, 30_000);
});
