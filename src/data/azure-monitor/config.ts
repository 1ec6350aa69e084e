// The azure-monitor source's settings, from its context entry. Credentials come from the environment only.
import type {ResolvedSource} from '../config/context.js';
import {SourceError} from '../errors.js';
import {readCaFile} from '../http/ca.js';

/** The panes this source can serve. */
export const MONITOR_PANES = ['health', 'lag', 'outbox'] as const;
/** One of the panes this source can serve. */
export type MonitorPane = (typeof MONITOR_PANES)[number];

/** One pane's query: the KQL (undefined = the default), its window, bin and timeout. */
export interface PaneQuery {
  readonly kql?: string;
  /** KQL timespan literal (`15m`) and the matching ISO 8601 duration (`PT15M`) sent as the query's timespan. */
  readonly window: string;
  readonly windowIso: string;
  readonly windowMs: number;
  readonly bin: string;
  readonly binMs: number;
  readonly timeoutMs: number;
}

/** Settled options for one azure-monitor source. */
export interface MonitorOptions {
  readonly id: string;
  readonly workspaceId: string;
  /** Log Analytics query endpoint, ending in /v1. */
  readonly endpoint: string;
  readonly audience?: string;
  readonly ca?: string;
  /** Name of the environment variable holding a bearer token, when one is used instead of DefaultAzureCredential. */
  readonly tokenEnv?: string;
  readonly token?: string;
  /** `workspace`: tables AppRequests/AppMetrics, mapped to the classic names `requests`/`customMetrics` first. */
  readonly schema: 'workspace' | 'classic';
  /** KQL expression giving a row's region, or a fixed region for every row. */
  readonly region: {readonly kind: 'dimension'; readonly expr: string} | {readonly kind: 'fixed'; readonly name: string};
  readonly queries: Readonly<Record<MonitorPane, PaneQuery>>;
  readonly retries: number;
}

const UNIT_MS: Readonly<Record<string, number>> = {s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000};
const ISO: Readonly<Record<string, string>> = {s: 'S', m: 'M', h: 'H', d: 'D'};

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const positive = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined);

/** `15m` → milliseconds and ISO 8601 (`PT15M`); undefined when it is not `<n>s|m|h|d`. */
export function parseSpan(span: string): {ms: number; iso: string} | undefined {
  const m = /^(\d{1,6})([smhd])$/.exec(span);
  if (!m || !m[1] || !m[2] || Number(m[1]) === 0) return undefined;
  const unit = m[2];
  return {ms: Number(m[1]) * (UNIT_MS[unit] ?? 0), iso: unit === 'd' ? `P${m[1]}D` : `PT${m[1]}${ISO[unit] ?? ''}`};
}

function span(config: ResolvedSource, key: string, value: unknown, fallback: string): {text: string; ms: number; iso: string} {
  const text = str(value) ?? fallback;
  const parsed = parseSpan(text);
  if (!parsed) throw new SourceError('config', `sources.${config.id}.${key} must be a KQL timespan such as 15m, 1h or 1d`);
  return {text, ...parsed};
}

function paneQuery(config: ResolvedSource, pane: MonitorPane, defaults: {window: unknown; bin: unknown; timeout: unknown}): PaneQuery {
  const raw = (config.queries as Record<string, unknown> | undefined)?.[pane];
  const entry = typeof raw === 'string' ? {kql: raw} : raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  if (raw !== undefined && typeof raw !== 'string' && (!raw || typeof raw !== 'object')) {
    throw new SourceError('config', `sources.${config.id}.queries.${pane} must be KQL text or {"kql", "window", "bin", "timeout"}`);
  }
  const window = span(config, `queries.${pane}.window`, entry.window ?? defaults.window, '15m');
  const bin = span(config, `queries.${pane}.bin`, entry.bin ?? defaults.bin, '1m');
  return {
    kql: str(entry.kql),
    window: window.text,
    windowIso: window.iso,
    windowMs: window.ms,
    bin: bin.text,
    binMs: bin.ms,
    timeoutMs: (positive(entry.timeout) ?? positive(defaults.timeout) ?? 10) * 1000,
  };
}

function region(config: ResolvedSource): MonitorOptions['region'] {
  const fixed = str(config.region);
  if (fixed) {
    if (!/^[\w.-]{1,64}$/.test(fixed)) throw new SourceError('config', `sources.${config.id}.region must be a plain name such as eu-west`);
    return {kind: 'fixed', name: fixed};
  }
  const expr = str(config.regionDimension) ?? 'cloud_RoleInstance';
  // A column, a property path or a bracketed key: nothing that could end the expression and start another.
  if (!/^[A-Za-z_]\w*(\.[A-Za-z_]\w*|\[\s*'[\w .-]+'\s*\]|\[\s*"[\w .-]+"\s*\])*$/.test(expr)) {
    throw new SourceError(
      'config',
      `sources.${config.id}.regionDimension must be a column or property path such as cloud_RoleInstance or customDimensions.region`,
    );
  }
  return {kind: 'dimension', expr};
}

function endpoint(config: ResolvedSource): string {
  const raw = str(config.endpoint) ?? 'https://api.loganalytics.io/v1';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SourceError('config', `sources.${config.id}.endpoint is not a URL: ${raw}`);
  }
  // The token is a bearer credential: it must never travel in clear text.
  if (url.protocol !== 'https:') throw new SourceError('config', `sources.${config.id}.endpoint must use https (bearer auth requires HTTPS)`);
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path === '' ? '/v1' : path}`;
}

/** Reads a source entry; throws a SourceError naming the key when something is wrong. */
export function monitorOptions(config: ResolvedSource, env: NodeJS.ProcessEnv): MonitorOptions {
  const workspaceId = str(config.workspaceId);
  if (!workspaceId || !/^[\w-]{1,64}$/.test(workspaceId))
    throw new SourceError('config', `sources.${config.id}.workspaceId must be the Log Analytics workspace id (a GUID)`);
  const tokenEnv = str(config.tokenEnv);
  const token = tokenEnv ? str(env[tokenEnv]) : undefined;
  if (tokenEnv && !token) throw new SourceError('auth', `sources.${config.id}: $${tokenEnv} is not set (it should hold a bearer token for Log Analytics)`);
  const ca = readCaFile(config);
  const schema = config.schema === 'classic' ? 'classic' : 'workspace';
  if (config.schema !== undefined && config.schema !== 'classic' && config.schema !== 'workspace')
    throw new SourceError('config', `sources.${config.id}.schema must be "workspace" or "classic"`);
  const defaults = {window: config.window, bin: config.bin, timeout: config.timeout};
  return {
    id: config.id,
    workspaceId,
    endpoint: endpoint(config),
    audience: str(config.audience),
    ca,
    tokenEnv,
    token,
    schema,
    region: region(config),
    queries: {health: paneQuery(config, 'health', defaults), lag: paneQuery(config, 'lag', defaults), outbox: paneQuery(config, 'outbox', defaults)},
    retries: typeof config.retries === 'number' && Number.isInteger(config.retries) && config.retries >= 0 ? config.retries : 1,
  };
}
