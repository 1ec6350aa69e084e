// The configuration as the rest of the cockpit sees it (after validation).
import type {PaneId} from '../readings/types.js';
import type {PagingConfig} from '../pagerduty/config.js';
import type {SourceKind} from '../sources/kinds.js';

export type PerPane<T> = T | Partial<Record<PaneId, T>>;

export interface SourceConfig {
  readonly kind?: SourceKind;
  readonly [key: string]: unknown;
}

export interface ContextConfig {
  readonly environment?: string;
  readonly production?: boolean;
  readonly readOnly?: boolean;
  readonly regions?: readonly string[];
  readonly refresh?: PerPane<number>;
  readonly staleAfter?: PerPane<number>;
  readonly panes: Partial<Record<PaneId, string | readonly string[]>>;
  readonly sources?: Readonly<Record<string, SourceConfig>>;
  readonly thresholds?: {
    readonly errorRatio?: number;
    readonly p95Ms?: number;
    readonly lagSeconds?: number;
    readonly dlqMessages?: number;
  };
  readonly largeReplay?: number;
  /** Where status updates are posted (docs/status-updates.md): the variable holding the webhook URL. */
  readonly slack?: {readonly webhookEnv: string; readonly channel?: string};
  /** The paging service (docs/pagerduty.md). */
  readonly paging?: PagingConfig;
  /** The team's procedures (a Markdown file) and/or a link per section. */
  readonly runbook?: {readonly path?: string; readonly urlTemplate?: string};
}

export interface CockpitConfig {
  readonly defaultContext?: string;
  readonly journal?: {readonly path?: string};
  readonly contexts?: Readonly<Record<string, ContextConfig>>;
}
