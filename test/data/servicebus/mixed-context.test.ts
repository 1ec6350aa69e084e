// A context that mixes sources per pane, through the built launcher: health from the demo plus latency and error
// rate from Azure Monitor, DLQ from Service Bus, lag and outbox from Azure Monitor, burn from the demo.
// Both Azure servers are the loopback test doubles.
import {execFile} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {startLogsDouble, type LogsDouble} from '../../doubles/azure-monitor/logs-server.js';
import {success, table} from '../../doubles/azure-monitor/shapes.js';
import {sampleDeadLetters} from '../../doubles/servicebus/index.js';
import {startBus, type Bus} from './helpers.js';

const run = promisify(execFile);
const LAUNCHER = join(process.cwd(), 'bin/atp-cockpit');
const now = Date.now();
const at = (minAgo: number) => new Date(now - minAgo * 60_000).toISOString();

let bus: Bus;
let logs: LogsDouble;
let dir: string;
let file: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  bus = await startBus();
  bus.sb.seed({
    queues: [{name: 'export-jobs', deadLetter: sampleDeadLetters().slice(0, 2)}],
    topics: [{name: 'audit.appended.v1', subscriptions: [{name: 'projection', active: [{body: 'a'}], deadLetter: sampleDeadLetters()}, {name: 'search'}]}],
  });
  logs = await startLogsDouble({token: 'mixed-token'});
  logs.when(
    /summarize requests = count\(\)/,
    success(
      table(
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
          ['Ingestion', 'us-east', at(2), 600, 3, 140, 300],
          ['Ingestion', 'us-east', at(1), 600, 6, 160, 320],
        ],
      ),
    ),
  );
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
        [['timeline', 'us-east', at(1), 2.5, 800]],
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
        [['Ingestion', 'us-east', at(1), 17, 2, 350]],
      ),
    ),
  );
  dir = mkdtempSync(join(tmpdir(), 'atp-mixed-'));
  writeFileSync(join(dir, 'sb-ca.pem'), bus.sb.ca.caPem);
  writeFileSync(join(dir, 'logs-ca.pem'), logs.ca.caPem);
  file = join(dir, 'config.json');
  writeFileSync(
    file,
    JSON.stringify(
      {
        defaultContext: 'mixed',
        contexts: {
          mixed: {
            environment: 'staging',
            regions: ['us-east', 'eu-west'],
            panes: {health: ['monitor', 'demo'], lag: 'monitor', dlq: 'servicebus', outbox: 'monitor', burn: 'demo'},
            sources: {
              demo: {kind: 'demo', scenario: 'calm'},
              servicebus: {
                kind: 'servicebus',
                namespace: 'sb-atp-staging',
                caFile: join(dir, 'sb-ca.pem'),
                consumers: {'audit.appended.v1/Subscriptions/projection': 'projection-worker'},
                retries: 1,
                retryDelay: 0.05,
                timeout: 5,
              },
              monitor: {
                kind: 'azure-monitor',
                workspaceId: '11111111-2222-3333-4444-555555555555',
                endpoint: logs.endpoint,
                caFile: join(dir, 'logs-ca.pem'),
                tokenEnv: 'ATP_TEST_MIXED_TOKEN',
                regionDimension: 'customDimensions.region',
                retries: 0,
              },
            },
          },
        },
      },
      null,
      2,
    ),
  );
  env = {...process.env, ATP_SERVICEBUS_CONNECTION_STRING: bus.sb.connectionString, ATP_TEST_MIXED_TOKEN: 'mixed-token', NODE_EXTRA_CA_CERTS: ''};
});
afterAll(async () => {
  await bus.close();
  await logs.close();
  rmSync(dir, {recursive: true, force: true});
});

it('`status --json` reads each pane from its own source', async () => {
  const {stdout} = await run(LAUNCHER, ['status', '--json', '--config', file], {env}).catch((e: {stdout: string; code: number}) => {
    // The exit code is the worst firing severity: not an error here.
    if (typeof e.stdout === 'string' && e.stdout.startsWith('{')) return e;
    throw e;
  });
  const status = JSON.parse(stdout) as {
    context: string;
    panes: Record<string, {ok: boolean; error?: string; sources: string[]}>;
    health: Array<{service: string; region: string; p95Ms?: number; errorRatio?: number; podsReady?: number}>;
    lag: Array<{projection: string; lagSeconds: number}>;
    dlq: Array<{entity: string; deadLetter: number; consumer?: string; reasons?: Record<string, number>}>;
    outbox: Array<{service: string; pending: number}>;
    burn: Array<{slo: string}>;
  };
  expect(status.context).toBe('mixed');
  expect(Object.fromEntries(Object.entries(status.panes).map(([p, o]) => [p, o.sources]))).toEqual({
    health: ['monitor', 'demo'],
    lag: ['monitor'],
    dlq: ['servicebus'],
    outbox: ['monitor'],
    burn: ['demo'],
  });
  for (const [pane, outcome] of Object.entries(status.panes)) expect({pane, ...outcome}).toMatchObject({pane, ok: true});
  const ingestion = status.health.find((r) => r.service === 'ingestion' && r.region === 'us-east');
  // Latency and error rate from Azure Monitor (first source), pods from the demo.
  expect(ingestion).toMatchObject({p95Ms: 160, errorRatio: 0.01});
  expect(ingestion?.podsReady).toBeGreaterThan(0);
  expect(status.health.find((r) => r.service === 'query' && r.region === 'eu-west')).toBeDefined();
  expect(status.dlq.map((e) => e.entity).sort()).toEqual([
    'audit.appended.v1/Subscriptions/projection',
    'audit.appended.v1/Subscriptions/search',
    'export-jobs',
  ]);
  expect(status.dlq.find((e) => e.entity === 'audit.appended.v1/Subscriptions/projection')).toMatchObject({
    deadLetter: 8,
    consumer: 'projection-worker',
    reasons: {MaxDeliveryCountExceeded: 2},
  });
  expect(status.lag).toEqual([expect.objectContaining({projection: 'timeline', lagSeconds: 2.5})]);
  expect(status.outbox).toEqual([expect.objectContaining({service: 'ingestion', pending: 17})]);
  expect(status.burn.length).toBeGreaterThan(0);
  expect(logs.requests.every((r) => r.authorization === 'Bearer mixed-token')).toBe(true);
  expect(logs.requests.at(-1)?.query).toContain('region = tostring(customDimensions.region)');
  expect(stdout).not.toContain('SAS_KEY_VALUE');
});

it('`contexts` shows which source serves which pane', async () => {
  const {stdout} = await run(LAUNCHER, ['contexts', '--config', file], {env});
  expect(stdout).toContain('mixed  [staging]  (default)  regions: us-east, eu-west');
  expect(stdout).toMatch(/ {2}health {2}← monitor \(azure-monitor\) workspaceId=11111111-2222-3333-4444-555555555555\b.* \+ demo scenario=calm /);
  expect(stdout).toMatch(/ {2}dlq {5}← servicebus namespace=sb-atp-staging\b/);
  expect(stdout).toMatch(/ {2}lag {5}← monitor \(azure-monitor\) workspaceId=/);
  expect(stdout).toMatch(/ {2}outbox {2}← monitor \(azure-monitor\)/);
  expect(stdout).toMatch(/ {2}burn {4}← demo scenario=calm/);
  expect(stdout).not.toContain('SAS_KEY_VALUE');
});
