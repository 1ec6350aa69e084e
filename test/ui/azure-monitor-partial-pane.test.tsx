// A partial Log Analytics answer is shown as partial: the health pane keeps its rows and says so on its note line.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {mergeReadings} from '../../src/data/merge.js';
import {startLogsDouble, type LogsDouble} from '../doubles/azure-monitor/logs-server.js';
import {partial, table} from '../doubles/azure-monitor/shapes.js';
import {renderCockpit} from '../helpers/render-app.js';

let logs: LogsDouble;
let dir: string;
beforeAll(async () => {
  logs = await startLogsDouble({token: 'pane-token'});
  dir = mkdtempSync(join(tmpdir(), 'atp-partial-'));
  writeFileSync(join(dir, 'ca.pem'), logs.ca.caPem);
  process.env['ATP_TEST_PARTIAL_TOKEN'] = 'pane-token';
});
afterAll(async () => {
  delete process.env['ATP_TEST_PARTIAL_TOKEN'];
  await logs.close();
  rmSync(dir, {recursive: true, force: true});
});

it('the health pane shows a partial result with its rows and a warning line', async () => {
  logs.when(
    /summarize requests = count\(\)/,
    partial([
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
        [['Ingestion', 'us-east', '2025-01-15T10:00:00Z', 600, 42, 1250, 2400]],
      ),
    ]),
  );
  const config = {
    contexts: {
      mixed: {
        regions: ['us-east'],
        panes: {health: 'monitor', lag: 'demo', dlq: 'demo', outbox: 'demo', burn: 'demo'},
        sources: {
          demo: {kind: 'demo' as const},
          monitor: {
            kind: 'azure-monitor' as const,
            workspaceId: 'ws-1',
            endpoint: logs.endpoint,
            caFile: join(dir, 'ca.pem'),
            tokenEnv: 'ATP_TEST_PARTIAL_TOKEN',
            retries: 0,
          },
        },
      },
    },
  };
  const app = await renderCockpit({config, flags: {context: 'mixed'}, columns: 140, rows: 40});
  try {
    const frame = await app.waitFor('partial result: Something went wrong processing your query on the server.');
    expect(frame).toMatch(/ingestion/);
    expect(frame).toMatch(/7\.0\s?%/);
  } finally {
    app.unmount();
  }
});

it('merging a pane from several sources keeps every partial note', () => {
  const merged = mergeReadings('health', [{services: [], partial: 'partial result: a'}, {services: []}, {services: [], partial: 'partial result: b'}]);
  expect(merged?.partial).toBe('partial result: a; partial result: b');
  expect(mergeReadings('health', [{services: []}, {services: []}])?.partial).toBeUndefined();
});
