// The azure-monitor source: service health (error rate, P95/P99, request rate), projection lag and outbox backlog
// from Application Insights data in Log Analytics, one KQL query per pane per refresh. Reads only.
import type {AccessToken, TokenCredential} from '@azure/core-auth';
import type {ResolvedSource} from '../config/context.js';
import {SourceError} from '../errors.js';
import type {PaneId, ReadingByPane} from '../readings/types.js';
import type {SourceEnv} from '../sources/types.js';
import type {Source} from '../sources/types.js';
import {MonitorClient, type QueryAnswer} from './client.js';
import {MONITOR_PANES, monitorOptions, type MonitorOptions, type MonitorPane} from './config.js';
import {HEALTH_COLUMNS, healthRows, LAG_COLUMNS, lagRows, OUTBOX_COLUMNS, outboxRows} from './map.js';
import {paneKql} from './queries.js';
import {rowsOf} from './table.js';

/** The source plus what tests look at. */
export interface MonitorSource extends Source {
  readonly options: MonitorOptions;
  readonly client: MonitorClient;
}

/** Test seams: a credential instead of the token from the environment or DefaultAzureCredential. */
export interface MonitorDeps {
  readonly credential?: TokenCredential;
}

/** A bearer token taken from the environment (e.g. `az account get-access-token --resource https://api.loganalytics.io`). */
class EnvTokenCredential implements TokenCredential {
  constructor(private readonly token: string) {}

  async getToken(): Promise<AccessToken> {
    return {token: this.token, expiresOnTimestamp: Date.now() + 5 * 60_000};
  }
}

async function credentialFor(options: MonitorOptions, deps: MonitorDeps): Promise<{credential: TokenCredential; note: string}> {
  if (deps.credential) return {credential: deps.credential, note: 'injected credential'};
  if (options.token && options.tokenEnv) return {credential: new EnvTokenCredential(options.token), note: `bearer token from $${options.tokenEnv}`};
  const {DefaultAzureCredential} = await import('@azure/identity');
  return {credential: new DefaultAzureCredential(), note: 'Azure credential'};
}

const isMonitorPane = (pane: PaneId): pane is MonitorPane => (MONITOR_PANES as readonly string[]).includes(pane);

/** Creates the source; nothing is requested until the first read. */
export async function createMonitorSource(config: ResolvedSource, env: SourceEnv, deps: MonitorDeps = {}): Promise<MonitorSource> {
  const options = monitorOptions(config, env.env);
  const {credential, note} = await credentialFor(options, deps);
  const client = new MonitorClient(options, credential);
  const fallbackRegion = options.region.kind === 'fixed' ? options.region.name : 'global';

  const mappers: {readonly [P in MonitorPane]: (answer: QueryAnswer) => ReadingByPane[P]} = {
    health: (a) => ({
      services: healthRows(rowsOf('health query', a.tables, HEALTH_COLUMNS, ['service', 'requests', 'failed', 'p95']), options.queries.health, fallbackRegion),
    }),
    lag: (a) => ({projections: lagRows(rowsOf('lag query', a.tables, LAG_COLUMNS, ['projection', 'lag']), fallbackRegion)}),
    outbox: (a) => ({outboxes: outboxRows(rowsOf('outbox query', a.tables, OUTBOX_COLUMNS, ['service', 'pending', 'oldest']), fallbackRegion)}),
  };

  return {
    id: config.id,
    kind: 'azure-monitor',
    description: `Azure Monitor Logs workspace ${options.workspaceId} (${new URL(options.endpoint).host}, ${note}${options.ca ? ', custom CA' : ''})`,
    panes: MONITOR_PANES,
    capabilities: {},
    options,
    client,
    async read<P extends PaneId>(pane: P, signal: AbortSignal): Promise<ReadingByPane[P]> {
      if (!isMonitorPane(pane)) throw new SourceError('config', `the azure-monitor source serves health, lag and outbox, not ${pane}`);
      const answer = await client.run(`${pane} query on workspace ${options.workspaceId}`, paneKql(options, pane), options.queries[pane], signal);
      const reading = (mappers[pane] as (a: QueryAnswer) => ReadingByPane[P])(answer);
      return answer.partial ? {...reading, partial: answer.partial} : reading;
    },
  };
}
