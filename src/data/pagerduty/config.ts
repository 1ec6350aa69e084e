// The context's `paging` settings: which PagerDuty services, as whom, and where the token comes from (the environment
// only, never the configuration file). Every problem names its key and the fix.
import {readFileSync} from 'node:fs';
import {SourceError} from '../errors.js';

/** `paging` as written in a context (validated by the schema first; checked again here, key by key). */
export interface PagingConfig {
  readonly kind?: 'pagerduty' | 'demo';
  readonly url?: string;
  readonly tokenEnv?: string;
  readonly from?: string;
  readonly services?: readonly string[];
  readonly refresh?: number;
  readonly timeout?: number;
  readonly caFile?: string;
  /** Names of escalation levels 1, 2, 3… when the policy cannot be read (default: the runbook's on-call rotation). */
  readonly levels?: readonly string[];
}

/** Settled options of the PagerDuty pager. */
export interface PagerDutyOptions {
  readonly baseUrl: string;
  readonly tokenEnv: string;
  /** The token itself: only ever in the Authorization header, never shown, logged or journaled. */
  readonly token: string;
  readonly from: string;
  readonly services: readonly string[];
  readonly refreshMs: number;
  readonly timeoutMs: number;
  readonly ca?: string;
  readonly levelNames: readonly string[];
}

export const DEFAULT_TOKEN_ENV = 'ATP_PAGERDUTY_TOKEN';
export const DEFAULT_BASE_URL = 'https://api.pagerduty.com';

/**
 * Our choice: incidents change at the pace of people (a page, an acknowledgement), and the response clock counts
 * minutes, so 30 s is fresh enough while staying far below PagerDuty's per-token rate limit with several cockpits open.
 */
export const DEFAULT_REFRESH_S = 30;
/** Our choice: one REST call rarely takes more than a second; 10 s leaves room for a slow link from a jump box. */
export const DEFAULT_TIMEOUT_S = 10;

/** The runbook's on-call rotation (Topic 1 quick reference; Topic 43 contacts): who each escalation level pages. */
export const RUNBOOK_LEVELS: readonly string[] = ['Primary on-call (ATP Primary)', 'Secondary on-call (ATP Secondary)', 'Manager on-call (ATP Manager)'];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Reads `contexts.<context>.paging`; throws a config/auth SourceError naming the key and the fix. */
export function pagerDutyOptions(context: string, paging: PagingConfig, env: NodeJS.ProcessEnv): PagerDutyOptions {
  const key = (k: string) => `contexts.${context}.paging.${k}`;
  const problem = (k: string, what: string, fix: string) => new SourceError('config', `${key(k)} ${what}; fix: ${fix}`);
  const url = (paging.url ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(url)) throw problem('url', `must be the REST API base URL (got "${url}")`, `set it to ${DEFAULT_BASE_URL} or remove it`);
  const services = paging.services ?? [];
  if (!Array.isArray(services) || services.length === 0 || services.some((s) => typeof s !== 'string' || !/^[A-Z0-9]+$/.test(s))) {
    throw problem(
      'services',
      'must list the PagerDuty service ids whose incidents the cockpit shows',
      'set it like ["PABC123"] (the id is in the service URL: /service-directory/PABC123)',
    );
  }
  const from = paging.from ?? '';
  if (!EMAIL.test(from)) {
    throw problem(
      'from',
      'must be the e-mail of a PagerDuty user (PagerDuty requires it in the From header of every incident change)',
      'set it like "oncall@connectsoft.com"',
    );
  }
  const tokenEnv = paging.tokenEnv ?? DEFAULT_TOKEN_ENV;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(tokenEnv))
    throw problem('tokenEnv', `must be an environment variable name (got "${tokenEnv}")`, `set it like "${DEFAULT_TOKEN_ENV}"`);
  const token = env[tokenEnv];
  if (!token) {
    throw new SourceError(
      'auth',
      `$${tokenEnv} is not set (${key('tokenEnv')}); fix: export ${tokenEnv}=<a PagerDuty REST API key> ` +
        '(a read-only key lists incidents; acknowledge, escalate and resolve need a full-access or user key)',
    );
  }
  let ca: string | undefined;
  if (paging.caFile) {
    try {
      ca = readFileSync(paging.caFile, 'utf8');
    } catch (error) {
      throw problem(
        'caFile',
        `cannot be read: ${paging.caFile} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
        'point it at a readable PEM file or remove it',
      );
    }
  }
  return {
    baseUrl: url,
    tokenEnv,
    token,
    from,
    services,
    refreshMs: (positive(paging.refresh) ?? DEFAULT_REFRESH_S) * 1000,
    timeoutMs: (positive(paging.timeout) ?? DEFAULT_TIMEOUT_S) * 1000,
    ca,
    levelNames: paging.levels && paging.levels.length ? paging.levels : RUNBOOK_LEVELS,
  };
}

const positive = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined);
