// Error mapping and auth of the Prometheus client, against canned answers from a loopback server.
// (The proof against a real Prometheus is test/e2e/prometheus.e2e.test.ts; this only pins each failure's wording.)
import {mkdtempSync, writeFileSync} from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {configProblems} from '../../../src/data/config/validate.js';
import {SourceError} from '../../../src/data/errors.js';
import {PromClient} from '../../../src/data/prometheus/client.js';
import {prometheusOptions} from '../../../src/data/prometheus/config.js';
import {createTestCa, type TestCa} from '../../doubles/tls/ca.js';

const seen: {auth?: string; body?: string}[] = [];
const VECTOR = JSON.stringify({status: 'success', data: {resultType: 'vector', result: [{metric: {service: 'query'}, value: [1, '0.5']}]}});

function handler(req: http.IncomingMessage, res: http.ServerResponse): void {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    seen.push({auth: req.headers.authorization, body});
    const mode = req.url?.split('/')[1];
    const send = (code: number, type: string, text: string) => res.writeHead(code, {'content-type': type}).end(text);
    if (mode === 'ok') return send(200, 'application/json', VECTOR);
    if (mode === 'unauthorized') return send(401, 'text/plain', 'Unauthorized');
    if (mode === 'gateway') return send(502, 'text/html', '<html><title>502 Bad Gateway</title></html>');
    if (mode === 'badquery')
      return send(400, 'application/json', JSON.stringify({status: 'error', errorType: 'bad_data', error: '1:5: parse error: unexpected "}"'}));
    if (mode === 'querytimeout')
      return send(503, 'application/json', JSON.stringify({status: 'error', errorType: 'timeout', error: 'query timed out in expression evaluation'}));
    if (mode === 'notjson') return send(200, 'text/plain', 'hello');
    if (mode === 'huge') return send(200, 'application/json', 'x'.repeat(2 << 20));
    if (mode === 'slow') return;
    send(404, 'text/plain', '404 page not found');
  });
}

let server: http.Server;
let tls: https.Server;
let ca: TestCa;
let base = '';
let tlsBase = '';

beforeAll(async () => {
  ca = await createTestCa();
  server = http.createServer(handler);
  tls = https.createServer({cert: ca.certPem, key: ca.keyPem}, handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  await new Promise<void>((r) => tls.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  tlsBase = `https://localhost:${(tls.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  tls.closeAllConnections();
  await Promise.all([new Promise((r) => server.close(r)), new Promise((r) => tls.close(r)), ca.dispose()]);
});

const client = (url: string, extra: Record<string, unknown> = {}, env: NodeJS.ProcessEnv = {}) =>
  new PromClient(prometheusOptions({id: 'prometheus', kind: 'prometheus', url, timeout: 0.5, maxMiB: 1, ...extra}, env));

async function failure(url: string, extra: Record<string, unknown> = {}): Promise<SourceError> {
  const c = client(url, extra);
  const error = await c.query('up', Date.now()).then(
    () => undefined,
    (e: unknown) => e,
  );
  c.close();
  expect(error).toBeInstanceOf(SourceError);
  return error as SourceError;
}

describe('Prometheus client', () => {
  it('POSTs the query with an evaluation time, parses the vector, counts requests', async () => {
    const c = client(`${base}/ok`);
    expect(await c.query('up', 1_700_000_000_000)).toEqual([{labels: {service: 'query'}, value: 0.5}]);
    expect(c.requests).toBe(1);
    expect(seen.at(-1)?.body).toBe('query=up&time=1700000000.000');
    c.close();
  });

  it('sends a bearer token or basic auth taken from the environment only', async () => {
    const bearer = client(`${base}/ok`, {}, {ATP_PROMETHEUS_TOKEN: 's3cret'});
    await bearer.query('up', Date.now());
    expect(seen.at(-1)?.auth).toBe('Bearer s3cret');
    const basic = client(`${base}/ok`, {userEnv: 'PROM_USER', passwordEnv: 'PROM_PASS'}, {PROM_USER: 'oncall', PROM_PASS: 'pw'});
    await basic.query('up', Date.now());
    expect(seen.at(-1)?.auth).toBe(`Basic ${Buffer.from('oncall:pw').toString('base64')}`);
    bearer.close();
    basic.close();
    expect(() => prometheusOptions({id: 'p', kind: 'prometheus', url: base, tokenEnv: 'MISSING_TOKEN'}, {})).toThrow(/\$MISSING_TOKEN is not set/);
    // The env var's name may be configured; the secret itself never may.
    expect(configProblems({contexts: {c: {panes: {burn: 'p'}, sources: {p: {kind: 'prometheus', url: base, tokenEnv: 'X'}}}}})).toEqual([]);
    expect(configProblems({contexts: {c: {panes: {burn: 'p'}, sources: {p: {kind: 'prometheus', url: base, token: 'x'}}}}})[0]?.message).toMatch(
      /secrets never live in the config/,
    );
  });

  it('says which failure it was: auth, HTTP status, PromQL error, query timeout, not-JSON, too large, slow, refused, TLS', async () => {
    expect(await failure(`${base}/unauthorized`)).toMatchObject({
      kind: 'auth',
      message: expect.stringMatching(/^HTTP 401 Unauthorized from 127\.0\.0\.1:\d+: check the token/),
    });
    expect(await failure(`${base}/gateway`)).toMatchObject({
      kind: 'http',
      message: expect.stringMatching(/^HTTP 502 Bad Gateway from 127\.0\.0\.1:\d+: 502 Bad Gateway$/),
    });
    expect(await failure(`${base}/nothing`)).toMatchObject({kind: 'http', message: expect.stringMatching(/^HTTP 404 Not Found .*: 404 page not found$/)});
    expect(await failure(`${base}/badquery`)).toMatchObject({kind: 'query', message: 'PromQL bad_data (HTTP 400): 1:5: parse error: unexpected "}"'});
    expect(await failure(`${base}/querytimeout`)).toMatchObject({kind: 'timeout', message: expect.stringContaining('query timed out')});
    expect(await failure(`${base}/notjson`)).toMatchObject({kind: 'shape', message: expect.stringContaining('is not Prometheus API JSON: hello')});
    expect(await failure(`${base}/huge`)).toMatchObject({kind: 'too-large', message: expect.stringMatching(/^Prometheus: answer from .* larger than 1 MiB/)});
    expect(await failure(`${base}/slow`)).toMatchObject({
      kind: 'timeout',
      message: expect.stringMatching(/^Prometheus: no answer from 127\.0\.0\.1:\d+ within 0\.5s$/),
    });
    expect(await failure('http://127.0.0.1:1')).toMatchObject({kind: 'connect', message: 'Prometheus: connection refused by 127.0.0.1:1'});
    expect(await failure(`${tlsBase}/ok`)).toMatchObject({kind: 'tls', message: expect.stringMatching(/^Prometheus: TLS failure with localhost:\d+/)});
  });

  it('trusts a custom CA from caFile', async () => {
    const caFile = join(mkdtempSync(join(tmpdir(), 'atp-prom-ca-')), 'ca.pem');
    writeFileSync(caFile, ca.caPem);
    const c = client(`${tlsBase}/ok`, {caFile});
    expect(await c.query('up', Date.now())).toHaveLength(1);
    c.close();
    expect(() => prometheusOptions({id: 'p', kind: 'prometheus', url: base, caFile: '/nonexistent/ca.pem'}, {})).toThrow(
      /caFile: cannot read \/nonexistent\/ca\.pem \(ENOENT\)/,
    );
  });
});
