// The azure-monitor source through the real LogsQueryClient against the Logs double (a test double: loopback HTTPS
// with a throwaway CA, answering recorded Log Analytics response shapes, bearer auth required).
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import https from 'node:https';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {systemClock} from '../../../src/data/clock.js';
import {resolveContext} from '../../../src/data/config/context.js';
import type {SourceConfig} from '../../../src/data/config/types.js';
import {createMonitorSource, type MonitorSource} from '../../../src/data/azure-monitor/source.js';
import {startLogsDouble, type LogsDouble} from '../../doubles/azure-monitor/logs-server.js';
import {TEST_CA_DIR_ENV} from '../../doubles/tls/ca.js';
import {partial, success, syntaxError, table, type LogsTableShape} from '../../doubles/azure-monitor/shapes.js';

const WORKSPACE = '11111111-2222-3333-4444-555555555555';
const TOKEN_ENV = 'ATP_TEST_LOGS_TOKEN';
let logs: LogsDouble;
let dir: string;
let caFile: string;

beforeAll(async () => {
  logs = await startLogsDouble({token: 'logs-token-1'});
  dir = mkdtempSync(join(tmpdir(), 'atp-logs-'));
  caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, logs.ca.caPem);
});
afterAll(async () => {
  await logs.close();
  rmSync(dir, {recursive: true, force: true});
});

function source(settings: SourceConfig = {}, env: NodeJS.ProcessEnv = {[TOKEN_ENV]: 'logs-token-1'}): Promise<MonitorSource> {
  const config = {
    contexts: {
      t: {
        panes: {health: 'am', lag: 'am', outbox: 'am'},
        sources: {am: {kind: 'azure-monitor' as const, workspaceId: WORKSPACE, endpoint: logs.endpoint, caFile, tokenEnv: TOKEN_ENV, retries: 0, ...settings}},
      },
    },
  };
  const context = resolveContext(config, {context: 't'}, 'test');
  return createMonitorSource(context.sources['am']!, {clock: systemClock(), context, env, readOnly: false});
}

const signal = () => AbortSignal.timeout(10_000);
const at = (min: number) => `2025-01-15T10:${String(min).padStart(2, '0')}:00Z`;

function healthTable(): LogsTableShape {
  return table(
    'PrimaryResult',
    [
      ['service', 'string'],
      ['region', 'string'],
      ['timestamp', 'datetime'],
      ['requests', 'long'],
      ['failed', 'long'],
      ['P95', 'real'],
      ['P99', 'real'],
    ],
    [
      ['Ingestion', 'us-east', at(0), 600, 6, 180.5, 420],
      ['Ingestion', 'us-east', at(1), 600, 60, 1250, 2400],
      ['Query', 'eu-west', at(0), 1200, 0, 95, 150],
      ['Query', 'eu-west', at(1), 0, 0, 'NaN', null],
      ['\u001b]0;pwned\u0007Export\u001b[2J', 'us-east', at(1), 10, 1, 50, 70],
    ],
  );
}

describe('azure-monitor source', () => {
  it('health: error rate, P95/P99 and request rate per service and region, from the runbook-style KQL', async () => {
    logs.when(/summarize requests = count\(\)/, success(healthTable()));
    const am = await source();
    const reading = await am.read('health', signal());
    const ingestion = reading.services.find((s) => s.service === 'ingestion');
    expect(ingestion).toMatchObject({region: 'us-east', errorRatio: 0.1, p95Ms: 1250, p99Ms: 2400, requestRate: 10});
    expect(ingestion?.errorSeries?.map((s) => s.v)).toEqual([0.01, 0.1]);
    expect(ingestion?.p95Series).toEqual([
      {t: Date.parse(at(0)), v: 180.5},
      {t: Date.parse(at(1)), v: 1250},
    ]);
    // NaN and null cells are "no value": the last bin that has one counts.
    expect(reading.services.find((s) => s.service === 'query')).toMatchObject({
      region: 'eu-west',
      errorRatio: undefined,
      p95Ms: 95,
      p99Ms: 150,
      requestRate: 0,
    });
    expect(reading.services.map((s) => s.service)).toContain('export');
    expect(reading.partial).toBeUndefined();
    const sent = logs.requests.at(-1)!;
    expect(sent).toMatchObject({workspaceId: WORKSPACE, timespan: 'PT15M', authorization: 'Bearer logs-token-1', status: 200});
    expect(sent.query).toMatch(/^let timeWindow = 15m;\nlet binSize = 1m;\nlet requests = AppRequests \| project timestamp = TimeGenerated/);
    expect(sent.query).toContain(
      [
        '| where timestamp > ago(timeWindow)',
        '| summarize requests = count(), failed = countif(success == false), P95 = percentile(duration, 95), P99 = percentile(duration, 99)',
        '    by service = cloud_RoleName, region = tostring(cloud_RoleInstance), bin(timestamp, binSize)',
      ].join('\n'),
    );
    expect(am.description).toBe(`Azure Monitor Logs workspace ${WORKSPACE} (127.0.0.1:${logs.port}, bearer token from $${TOKEN_ENV}, custom CA)`);
    expect(am.description).not.toContain('logs-token-1');
  });

  it('lag and outbox from customMetrics, with a fixed region and per-pane window', async () => {
    logs.when(
      /atp_projection_lag_seconds/,
      success(
        table(
          'PrimaryResult',
          [
            ['projection', 'string'],
            ['region', 'string'],
            ['timestamp', 'datetime'],
            ['lag', 'real'],
            ['eventsPerSecond', 'real'],
          ],
          [
            ['timeline', 'eu-west', at(0), 1.5, 900],
            ['timeline', 'eu-west', at(1), 42, null],
            ['timeline', 'eu-west', at(2), 38, 850],
            ['actor', 'eu-west', at(2), 0.4, 300],
          ],
        ),
      ),
    );
    logs.when(
      /atp_outbox_pending/,
      success(
        table(
          'PrimaryResult',
          [
            ['service', 'string'],
            ['region', 'string'],
            ['timestamp', 'datetime'],
            ['pending', 'real'],
            ['oldestAgeSeconds', 'real'],
            ['relayPerSecond', 'real'],
          ],
          [
            ['Ingestion', 'eu-west', at(0), 12, 3, 400],
            ['Ingestion', 'eu-west', at(1), 5400, 95, null],
          ],
        ),
      ),
    );
    const am = await source({region: 'eu-west', queries: {lag: {window: '1h', bin: '5m', timeout: 3}}});
    const lag = await am.read('lag', signal());
    expect(lag.projections.find((p) => p.projection === 'timeline')).toMatchObject({
      region: 'eu-west',
      lagSeconds: 38,
      p95Seconds: 42,
      p99Seconds: 42,
      eventsPerSecond: 850,
    });
    expect(lag.projections.find((p) => p.projection === 'timeline')?.series?.map((s) => s.v)).toEqual([1.5, 42, 38]);
    const lagRequest = logs.requests.at(-1)!;
    expect(lagRequest.timespan).toBe('PT1H');
    expect(lagRequest.query).toMatch(/^let timeWindow = 1h;\nlet binSize = 5m;\n/);
    expect(lagRequest.query).toContain("by projection, region = 'eu-west', bin(timestamp, binSize)");
    const outbox = await am.read('outbox', signal());
    expect(outbox.outboxes).toEqual([
      {
        service: 'ingestion',
        region: 'eu-west',
        pending: 5400,
        oldestAgeSeconds: 95,
        relayPerSecond: 400,
        series: [
          {t: Date.parse(at(0)), v: 12},
          {t: Date.parse(at(1)), v: 5400},
        ],
      },
    ]);
    expect(logs.requests.at(-1)?.timespan).toBe('PT15M');
    expect(am.client.requests).toBe(2);
  });

  it('a PartialError result is shown, labelled partial', async () => {
    logs.when(/summarize requests = count\(\)/, partial([healthTable()]));
    const am = await source();
    const reading = await am.read('health', signal());
    expect(reading.services).toHaveLength(3);
    // The SDK keeps the first detail's message (it drops the detail's innererror).
    expect(reading.partial).toBe('partial result: Something went wrong processing your query on the server.');
  });

  it("each pane's KQL can be replaced in the config; classic schema sends it without the workspace shim", async () => {
    logs.when(
      (q) => q.includes('MyLagTable'),
      ({query}) =>
        success(
          table(
            'PrimaryResult',
            [
              ['projection', 'string'],
              ['lag', 'real'],
            ],
            [[query.includes('let requests') ? 'shimmed' : 'plain', 7]],
          ),
        ),
    );
    const am = await source({schema: 'classic', queries: {lag: 'MyLagTable | where timestamp > ago(timeWindow) | summarize lag = max(value) by projection'}});
    const lag = await am.read('lag', signal());
    expect(lag.projections).toEqual([
      {projection: 'plain', region: 'global', lagSeconds: 7, p95Seconds: undefined, p99Seconds: undefined, eventsPerSecond: undefined, series: []},
    ]);
    expect(logs.requests.at(-1)?.query).toBe(
      'let timeWindow = 15m;\nlet binSize = 1m;\nMyLagTable | where timestamp > ago(timeWindow) | summarize lag = max(value) by projection',
    );
  });

  it('maps failures to plain errors: KQL syntax, auth, result shape, timeout, connection, config', async () => {
    const am = await source({queries: {health: 'requests | whre x'}});
    logs.when('whre', syntaxError('whre'));
    await expect(am.read('health', signal())).rejects.toMatchObject({
      kind: 'query',
      message: `health query on workspace ${WORKSPACE}: HTTP 400 Query could not be parsed at 'whre' on line [1,0]`,
    });
    const wrong = await source({}, {[TOKEN_ENV]: 'stale-token'});
    await expect(wrong.read('lag', signal())).rejects.toMatchObject({
      kind: 'auth',
      message: expect.stringMatching(/^lag query on workspace .*: HTTP 401 .*Log Analytics Reader\)$/),
    });
    logs.when('ShapeCheck', success(table('PrimaryResult', [['x', 'long']], [[1]])));
    const odd = await source({queries: {outbox: 'ShapeCheck'}});
    await expect(odd.read('outbox', signal())).rejects.toMatchObject({
      kind: 'shape',
      message: 'outbox query: the result needs columns service, pending, oldest (got x)',
    });
    // A server that accepts the request and never answers.
    const silent = https.createServer({cert: logs.ca.certPem, key: logs.ca.keyPem}, () => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    try {
      const slow = await source({endpoint: `https://127.0.0.1:${(silent.address() as AddressInfo).port}/v1`, timeout: 0.5});
      const started = Date.now();
      await expect(slow.read('health', signal())).rejects.toMatchObject({
        kind: 'timeout',
        message: `health query on workspace ${WORKSPACE}: timed out after 0.5s`,
      });
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
    if (process.env[TEST_CA_DIR_ENV] === undefined) {
      const untrusted = await source({caFile: undefined});
      await expect(untrusted.read('health', signal())).rejects.toMatchObject({kind: 'tls', message: expect.stringContaining('(a private CA? set caFile)')});
    }
    const refused = await source({endpoint: 'https://127.0.0.1:1/v1'});
    await expect(refused.read('health', signal())).rejects.toMatchObject({kind: 'connect'});
    await expect(source({endpoint: 'http://127.0.0.1:8080/v1'})).rejects.toThrow('sources.am.endpoint must use https (bearer auth requires HTTPS)');
    await expect(source({}, {})).rejects.toThrow(`sources.am: $${TOKEN_ENV} is not set`);
    await expect(source({regionDimension: 'x); drop'})).rejects.toThrow(/regionDimension must be a column or property path/);
    await expect(source({window: '15 minutes'})).rejects.toThrow('sources.am.queries.health.window must be a KQL timespan such as 15m, 1h or 1d');
  });
});
