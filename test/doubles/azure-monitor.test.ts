// Drives the real @azure/monitor-query-logs LogsQueryClient against the HTTPS Logs double.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {LogsQueryClient, LogsQueryResultStatus} from '@azure/monitor-query-logs';
import {startLogsDouble, type LogsDouble} from './azure-monitor/logs-server.js';
import {FakeTokenCredential} from './azure-monitor/fake-credential.js';
import {logsFixture} from './azure-monitor/fixtures.js';
import {partial, success, syntaxError, table} from './azure-monitor/shapes.js';
import {pipelineTlsOptions} from './tls/trust.js';
import {TEST_CA_DIR_ENV} from './tls/ca.js';

const WORKSPACE = '11111111-2222-3333-4444-555555555555';

describe('Azure Monitor Logs double', () => {
  let logs: LogsDouble;
  let client: LogsQueryClient;
  const credential = new FakeTokenCredential('logs-token-1');

  beforeAll(async () => {
    logs = await startLogsDouble({token: 'logs-token-1'});
    client = new LogsQueryClient(credential, {
      endpoint: logs.endpoint,
      tlsOptions: pipelineTlsOptions(logs.ca.caPem),
      retryOptions: {maxRetries: 0},
    });
  });
  afterAll(async () => logs.close());

  it('answers queryWorkspace with recorded tables, typed by the SDK', async () => {
    logs.when(/AppRequests\s*\|\s*where Success == false/, logsFixture('logs-query-success'));
    const kql = 'AppRequests | where Success == false | take 3';
    const result = await client.queryWorkspace(WORKSPACE, kql, {duration: 'PT1H'});
    expect(result.status).toBe(LogsQueryResultStatus.Success);
    if (result.status !== LogsQueryResultStatus.Success) throw new Error('unreachable');
    const t = result.tables[0];
    expect(t?.name).toBe('PrimaryResult');
    expect(t?.columnDescriptors.map((c) => c.type)).toContain('dynamic');
    const row = t?.rows[0] ?? [];
    expect(row[0]).toBeInstanceOf(Date);
    expect((row[0] as Date).toISOString()).toBe('2025-01-15T09:58:12.345Z');
    expect(row[7]).toEqual({tenant: 'contoso', queue: 'audit-ingest'});
    const rec = logs.requests.at(-1);
    expect(rec).toMatchObject({workspaceId: WORKSPACE, query: kql, timespan: 'PT1H', authorization: 'Bearer logs-token-1'});
    expect(credential.scopes.at(-1)).toEqual(['https://api.loganalytics.io/.default']);
  });

  it('returns PartialFailure with partialTables and partialError', async () => {
    logs.when('summarize count() by ResultCode', logsFixture('logs-query-partial'));
    const start = new Date('2025-01-15T00:00:00Z');
    const result = await client.queryWorkspace(WORKSPACE, 'AppRequests | summarize count() by ResultCode', {
      startTime: start,
      endTime: new Date('2025-01-15T12:00:00Z'),
    });
    expect(result.status).toBe(LogsQueryResultStatus.PartialFailure);
    if (result.status !== LogsQueryResultStatus.PartialFailure) throw new Error('unreachable');
    expect(result.partialTables[0]?.rows).toHaveLength(2);
    expect(result.partialError.code).toBe('PartialError');
    expect(logs.requests.at(-1)?.timespan).toBe('2025-01-15T00:00:00.000Z/2025-01-15T12:00:00.000Z');
  });

  it('computes responses from the request and builds partial results inline', async () => {
    logs.when(
      (q) => q.startsWith('AppDependencies'),
      ({query}) =>
        partial([
          table(
            'PrimaryResult',
            [
              ['Query', 'string'],
              ['Meta', 'dynamic'],
            ],
            [[query, {n: 1}]],
          ),
        ]),
    );
    const result = await client.queryWorkspace(WORKSPACE, 'AppDependencies | take 1', {duration: 'P1D'});
    expect(result.status).toBe(LogsQueryResultStatus.PartialFailure);
    if (result.status !== LogsQueryResultStatus.PartialFailure) throw new Error('unreachable');
    expect(result.partialTables[0]?.rows[0]).toEqual(['AppDependencies | take 1', {n: 1}]);
  });

  it('turns 400 syntax errors into a RestError and unmatched queries into a SemanticError', async () => {
    logs.when('whre', syntaxError('whre'));
    await expect(client.queryWorkspace(WORKSPACE, 'AppRequests | whre x', {duration: 'PT5M'})).rejects.toMatchObject({
      statusCode: 400,
      code: 'BadArgumentError',
    });
    await expect(client.queryWorkspace(WORKSPACE, 'NoSuchTable', {duration: 'PT5M'})).rejects.toMatchObject({statusCode: 400});
  });

  it('rejects a wrong bearer token with 401', async () => {
    const other = new LogsQueryClient(new FakeTokenCredential('wrong'), {
      endpoint: logs.endpoint,
      tlsOptions: pipelineTlsOptions(logs.ca.caPem),
      retryOptions: {maxRetries: 0},
    });
    await expect(other.queryWorkspace(WORKSPACE, 'AppRequests | take 1', {duration: 'PT1H'})).rejects.toMatchObject({
      statusCode: 401,
      code: 'AuthorizationRequiredError',
    });
  });

  it('answers queryBatch entry by entry', async () => {
    logs.when('count_batch', success(table('PrimaryResult', [['Count', 'long']], [[42]])));
    const results = await client.queryBatch([
      {workspaceId: WORKSPACE, query: 'AppRequests | count_batch', timespan: {duration: 'PT1H'}},
      {workspaceId: WORKSPACE, query: 'AppRequests | summarize count() by ResultCode', timespan: {duration: 'PT1H'}},
    ]);
    expect(results.map((r) => r.status)).toEqual([LogsQueryResultStatus.Success, LogsQueryResultStatus.PartialFailure]);
    expect(logs.requests.filter((r) => r.batchId !== undefined).map((r) => r.batchId)).toEqual(['query-0', 'query-1']);
  });

  // With tls/global-setup.ts configured, NODE_EXTRA_CA_CERTS makes every client trust the CA.
  it.skipIf(process.env[TEST_CA_DIR_ENV] !== undefined)('refuses a client that does not trust the test CA', async () => {
    const untrusting = new LogsQueryClient(credential, {endpoint: logs.endpoint, retryOptions: {maxRetries: 0}});
    await expect(untrusting.queryWorkspace(WORKSPACE, 'AppRequests', {duration: 'PT1H'})).rejects.toThrow(/certificate/i);
  });
});
