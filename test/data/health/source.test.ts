// The health source against loopback HTTP(S) doubles of ATP services: good answers, every kind of bad answer,
// and no hang: a slow endpoint costs one per-request timeout, and the pane still gets a reading.
import {mkdtempSync, writeFileSync} from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ManualClock} from '../../../src/data/clock.js';
import {resolveContext} from '../../../src/data/config/context.js';
import {createHealthSource} from '../../../src/data/health/source.js';
import {mergeReadings} from '../../../src/data/merge.js';
import type {HealthReading} from '../../../src/data/readings/types.js';
import {createTestCa, type TestCa} from '../../doubles/tls/ca.js';

const HEALTHY = {
  status: 'Healthy',
  totalDuration: '00:00:00.0300000',
  entries: {database: {status: 'Healthy', description: 'Azure SQL connection pool: 5/10 active', duration: '00:00:00.0100000'}},
};
const UNHEALTHY = {
  status: 'Unhealthy',
  totalDuration: '00:00:01.0000000',
  entries: {servicebus: {status: 'Unhealthy', description: 'Azure Service Bus \u001b]0;owned\u0007unreachable', duration: '00:00:01.0000000'}},
};

/** One route per bad-answer kind; `/health/<kind>/ready` and `/live`. */
function handler(req: http.IncomingMessage, res: http.ServerResponse): void {
  const kind = req.url?.split('/')[2] ?? '';
  const probe = req.url?.split('/')[3];
  const json = (code: number, body: unknown): void => void res.writeHead(code, {'content-type': 'application/json'}).end(JSON.stringify(body));
  if (probe === 'live') return json(200, {status: 'Healthy', entries: {}});
  switch (kind) {
    case 'ok':
      return json(200, HEALTHY);
    case 'unhealthy':
      return json(503, UNHEALTHY);
    case 'html':
      return void res.writeHead(502, {'content-type': 'text/html'}).end('<html><head><title>502 Bad Gateway</title></head><body><h1>nginx</h1></body></html>');
    case 'text':
      return void res.writeHead(200, {'content-type': 'text/plain'}).end('everything is fine');
    case 'busy':
      return void res.writeHead(503, {'content-type': 'text/plain'}).end('upstream connect error or disconnect/reset before headers');
    case 'shape':
      return json(200, {healthy: true, checks: ['db']});
    case 'huge':
      res.writeHead(200, {'content-type': 'application/json'});
      res.write('{"status":"Healthy","entries":{"pad":{"description":"');
      return void res.end(`${'x'.repeat(2 << 20)}"}}}`);
    case 'slow':
      return; // never answers
    default:
      return json(404, {});
  }
}

let server: http.Server;
let tlsServer: https.Server;
let ca: TestCa;
let base = '';
let tlsBase = '';
let refused = '';
let caFile = '';

beforeAll(async () => {
  ca = await createTestCa();
  caFile = join(mkdtempSync(join(tmpdir(), 'atp-health-ca-')), 'ca.pem');
  writeFileSync(caFile, ca.caPem);
  server = http.createServer(handler);
  tlsServer = https.createServer({cert: ca.certPem, key: ca.keyPem}, handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  await new Promise<void>((r) => tlsServer.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  tlsBase = `https://localhost:${(tlsServer.address() as AddressInfo).port}`;
  const closed = http.createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  refused = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise<void>((r) => closed.close(() => r()));
});

afterAll(async () => {
  server.closeAllConnections();
  tlsServer.closeAllConnections();
  await Promise.all([new Promise((r) => server.close(r)), new Promise((r) => tlsServer.close(r)), ca.dispose()]);
});

const context = resolveContext({contexts: {t: {panes: {health: 'health'}}}}, {context: 't'}, 'test');

async function read(endpoints: {service: string; url: string}[], extra: Record<string, unknown> = {}): Promise<HealthReading> {
  const source = createHealthSource(
    {id: 'health', kind: 'health', timeout: 0.4, endpoints: endpoints.map((e) => ({...e, region: 'us-east'})), ...extra},
    new ManualClock(),
    context,
  );
  try {
    return await source.read('health', new AbortController().signal);
  } finally {
    await source.close?.();
  }
}

describe('health source', () => {
  it('reads ready and live: status, failing entries with descriptions, check duration', async () => {
    const {services} = await read([
      {service: 'ingestion', url: `${base}/health/ok`},
      {service: 'projection', url: `${base}/health/unhealthy/ready`},
    ]);
    expect(services[0]).toMatchObject({
      service: 'ingestion',
      region: 'us-east',
      status: 'Healthy',
      liveStatus: 'Healthy',
      checkDurationMs: 30,
      checks: [{name: 'database', status: 'Healthy', durationMs: 10}],
    });
    expect(services[1]).toMatchObject({
      status: 'Unhealthy',
      statusReason: 'servicebus: Azure Service Bus unreachable',
      checks: [{name: 'servicebus', status: 'Unhealthy', description: 'Azure Service Bus unreachable'}],
    });
  });

  it('makes every bad answer a clear Unknown, and never hangs the pane', async () => {
    const kinds = ['html', 'text', 'busy', 'shape', 'huge', 'slow'];
    const started = Date.now();
    const {services} = await read([
      ...kinds.map((k) => ({service: k, url: `${base}/health/${k}`})),
      {service: 'refused', url: `${refused}/health`},
      {service: 'tls', url: `${tlsBase}/health/ok`},
    ]);
    expect(Date.now() - started).toBeLessThan(2_000);
    const reason = Object.fromEntries(services.map((s) => [s.service, [s.status, s.statusReason]]));
    expect(reason).toEqual({
      html: ['Unknown', '/health/ready: HTTP 502 with an HTML page ("502 Bad Gateway") instead of health JSON'],
      text: ['Unknown', '/health/ready: HTTP 200 with non-JSON text "everything is fine" instead of health JSON'],
      busy: ['Unknown', '/health/ready: HTTP 503 with non-JSON text "upstream connect error or disconnect/reset before headers" instead of health JSON'],
      shape: ['Unknown', '/health/ready: HTTP 200: unexpected JSON shape (no "status" of Healthy, Degraded or Unhealthy)'],
      huge: ['Unknown', expect.stringMatching(/^\/health\/ready: answer from 127\.0\.0\.1:\d+ is larger than 1 MiB/)],
      slow: ['Unknown', expect.stringMatching(/^\/health\/ready: no answer from 127\.0\.0\.1:\d+ within 0\.4s$/)],
      refused: ['Unknown', expect.stringMatching(/^\/health\/ready: connection refused by 127\.0\.0\.1:\d+$/)],
      tls: ['Unknown', expect.stringMatching(/^\/health\/ready: TLS failure with localhost:\d+: .*(self-signed|issuer|certificate)/i)],
    });
  });

  it('trusts a custom CA from caFile', async () => {
    const {services} = await read([{service: 'tls', url: `${tlsBase}/health/ok`}], {caFile});
    expect(services[0], services[0]?.statusReason).toMatchObject({status: 'Healthy', liveStatus: 'Healthy'});
  });

  it('expands a URL template over services and regions, and merges with the Kubernetes view', async () => {
    const source = createHealthSource(
      {id: 'health', kind: 'health', urlTemplate: `${base}/health/ok/{service}/{region}`, services: ['query'], regions: ['us-east', 'eu-west'], live: false},
      new ManualClock(),
      context,
    );
    expect(source.description).toContain('2 services × regions');
    const reading = await source.read('health', new AbortController().signal);
    await source.close?.();
    expect(source.requests()).toBe(2);
    const kube: HealthReading = {services: [{service: 'query', region: 'eu-west', podsReady: 2, podsDesired: 3, version: '1.4.4'}]};
    const merged = mergeReadings('health', [kube, reading]);
    expect(merged?.services.find((s) => s.region === 'eu-west')).toMatchObject({
      podsReady: 2,
      podsDesired: 3,
      version: '1.4.4',
      status: 'Healthy',
      checks: [{name: 'database'}],
    });
  });

  it('refuses a configuration without endpoints, naming the key', () => {
    expect(() => createHealthSource({id: 'health', kind: 'health'}, new ManualClock(), context)).toThrow(
      /sources\.health\.endpoints: set "endpoints" or "urlTemplate"/,
    );
  });
});
