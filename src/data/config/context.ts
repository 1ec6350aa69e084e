// Resolves the context to open: flags, configuration and defaults, into one settled description.
import {DEFAULT_THRESHOLDS, type AlertThresholds} from '../alerts/catalog.js';
import {isScenario, type ScenarioName} from '../demo/scenarios.js';
import {PANE_IDS, type PaneId} from '../readings/types.js';
import type {PagingConfig} from '../pagerduty/config.js';
import {SOURCE_KINDS, type SourceKind} from '../sources/kinds.js';
import type {CockpitConfig, ContextConfig, PerPane, SourceConfig} from './types.js';
import {ConfigError} from './validate.js';

export interface ResolvedSource extends SourceConfig {
  readonly id: string;
  readonly kind: SourceKind;
}

/** Everything the session needs to know about the open context. */
export interface ResolvedContext {
  readonly name: string;
  readonly environment: string;
  readonly production: boolean;
  readonly readOnly: boolean;
  /** Why the cockpit is read-only, when it is. */
  readonly readOnlyReason?: string;
  readonly regions: readonly string[];
  readonly panes: Readonly<Record<PaneId, readonly string[]>>;
  readonly sources: Readonly<Record<string, ResolvedSource>>;
  readonly refreshMs: Readonly<Record<PaneId, number>>;
  readonly staleAfterMs: Readonly<Record<PaneId, number>>;
  readonly thresholds: AlertThresholds;
  readonly largeReplay: number;
  /** The Slack incoming webhook status updates are posted to, when configured (its URL is in the environment). */
  readonly slack?: {readonly webhookEnv: string; readonly channel: string};
  /** The paging service, when the context has one (the demo has its own). */
  readonly paging?: PagingConfig;
  readonly isDemo: boolean;
  /** Where the alert view finds procedures: a file, a link template, or the demo's own procedures. */
  readonly runbook: {readonly path?: string; readonly urlTemplate?: string; readonly demo: boolean};
}

export interface ContextFlags {
  readonly context?: string;
  readonly demo?: ScenarioName;
  readonly seed?: number;
  readonly readOnly?: boolean;
  readonly wall?: boolean;
  readonly refreshSeconds?: number;
}

const perPane = (value: PerPane<number> | undefined, fallback: (pane: PaneId) => number, scale: number) =>
  Object.fromEntries(
    PANE_IDS.map((pane) => {
      const v = typeof value === 'number' ? value : value?.[pane];
      return [pane, v !== undefined ? v * scale : fallback(pane)];
    }),
  ) as Record<PaneId, number>;

/** The built-in demo context, used when nothing is configured or with --demo. */
export function demoContext(scenario: ScenarioName = 'calm', seed = 1): ContextConfig {
  return {
    environment: 'demo',
    regions: ['us-east', 'eu-west'],
    refresh: 1,
    panes: {health: 'demo', lag: 'demo', dlq: 'demo', outbox: 'demo', burn: 'demo'},
    sources: {demo: {kind: 'demo', scenario, seed}},
    paging: {kind: 'demo'},
  };
}

/** Picks and settles the context to open. */
export function resolveContext(config: CockpitConfig, flags: ContextFlags, file: string): ResolvedContext {
  const contexts = config.contexts ?? {};
  let name: string;
  let ctx: ContextConfig;
  if (flags.demo || (!flags.context && !config.defaultContext && Object.keys(contexts).length === 0)) {
    name = 'demo';
    ctx = demoContext(flags.demo ?? 'calm', flags.seed ?? 1);
  } else {
    name = flags.context ?? config.defaultContext ?? Object.keys(contexts)[0] ?? 'demo';
    const found = contexts[name];
    if (!found) {
      throw new ConfigError(file, [
        {
          key: `contexts.${name}`,
          message: 'no such context',
          fix: `use one of: ${Object.keys(contexts).join(', ') || '(none; run with --demo)'}, or add it to the configuration`,
        },
      ]);
    }
    ctx = found;
  }
  const sources: Record<string, ResolvedSource> = {};
  const panes = {} as Record<PaneId, string[]>;
  for (const pane of PANE_IDS) {
    const refs = ctx.panes[pane];
    panes[pane] = refs === undefined ? [] : Array.isArray(refs) ? [...refs] : [refs as string];
    for (const id of panes[pane]) {
      const declared = ctx.sources?.[id] ?? {};
      const kind = (declared.kind ?? id) as SourceKind;
      if (!(SOURCE_KINDS as readonly string[]).includes(kind)) {
        throw new ConfigError(file, [
          {key: `contexts.${name}.sources.${id}.kind`, message: `unknown source kind "${kind}"`, fix: `set kind to one of: ${SOURCE_KINDS.join(', ')}`},
        ]);
      }
      let settled: ResolvedSource = {...declared, id, kind};
      if (kind === 'demo' && flags.seed !== undefined) settled = {...settled, seed: flags.seed};
      sources[id] = settled;
    }
  }
  const refreshMs = perPane(flags.refreshSeconds ?? ctx.refresh, () => (name === 'demo' ? 1_000 : 5_000), 1_000);
  const staleAfterMs = perPane(ctx.staleAfter, (pane) => Math.max(3_000, refreshMs[pane] * 3), 1_000);
  const readOnlyReason = flags.readOnly
    ? '--read-only'
    : flags.wall
      ? '--wall (wall terminals are read-only)'
      : ctx.readOnly
        ? `context ${name} is readOnly`
        : undefined;
  const demoScenario = sources.demo?.scenario;
  return {
    name,
    environment: ctx.environment ?? name,
    production: ctx.production ?? /^prod/i.test(ctx.environment ?? name),
    readOnly: readOnlyReason !== undefined,
    readOnlyReason,
    regions: ctx.regions ?? [],
    panes,
    sources,
    refreshMs,
    staleAfterMs,
    thresholds: {...DEFAULT_THRESHOLDS, ...ctx.thresholds},
    largeReplay: ctx.largeReplay ?? 100,
    slack: ctx.slack ? {webhookEnv: ctx.slack.webhookEnv, channel: ctx.slack.channel ?? '#atp-incidents'} : undefined,
    paging: ctx.paging,
    runbook: {...ctx.runbook, demo: name === 'demo' && !ctx.runbook},
    isDemo: Object.values(sources).some((s) => s.kind === 'demo') && (typeof demoScenario !== 'string' || isScenario(demoScenario)),
  };
}
