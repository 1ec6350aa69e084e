// `atp-cockpit status [--json]`: a one-shot snapshot for scripts and `ssh host atp-cockpit status`.
// Exit code = worst firing severity (1-4), 0 when nothing fires, 5 when a pane could not be read.
import {worstSeverity} from '../data/alerts/evaluate.js';
import {systemClock} from '../data/clock.js';
import {UNCONFIGURED} from '../data/feed.js';
import {PANE_IDS, type Series} from '../data/readings/types.js';
import {burnFigures} from '../data/slo/burn.js';
import {alertText, coverageText} from '../ui/alert-text.js';
import {percent, utcStamp} from '../ui/format.js';
import {rowStatus} from '../data/health/status.js';
import type {Cli} from './args.js';
import type {CliIo} from './io.js';
import {setup} from './setup.js';
import {takeSnapshot, type Snapshot} from './snapshot.js';

export const EXIT_UNAVAILABLE = 5;

/** The exit code for a snapshot. */
export function statusCode(snapshot: Snapshot): number {
  const worst = worstSeverity(snapshot.alerts);
  if (worst !== undefined) return worst;
  return PANE_IDS.some((p) => !snapshot.panes[p].ok) ? EXIT_UNAVAILABLE : 0;
}

const dropSeries = (_key: string, value: unknown) =>
  Array.isArray(value) && value.length > 0 && typeof (value[0] as Series[number])?.t === 'number' ? undefined : value;

/** The JSON document `status --json` prints. */
export function statusJson(s: Snapshot): unknown {
  const {context: ctx, readings} = s;
  return JSON.parse(
    JSON.stringify(
      {
        context: ctx.name,
        environment: ctx.environment,
        at: new Date(s.at).toISOString(),
        exitCode: statusCode(s),
        worstSeverity: worstSeverity(s.alerts) ?? null,
        panes: s.panes,
        alerts: s.alerts.map((a) => ({
          name: a.name,
          severity: a.severity,
          state: a.state,
          target: a.target,
          summary: a.summary,
          runbook: a.runbook,
          activeSince: new Date(a.activeSince).toISOString(),
          firingSince: a.firingSince === undefined ? null : new Date(a.firingSince).toISOString(),
          escalation: a.escalation.now,
          engaged: a.escalation.engaged,
          next: a.escalation.next ?? null,
          clocks: a.clocks,
          threshold: a.threshold,
          staleData: a.stale,
        })),
        notEvaluated: s.unevaluated.map((r) => r.name),
        health: readings.health?.services.map((r) => ({...r, rowStatus: rowStatus(r, ctx.thresholds).status, pods: undefined, events: undefined})),
        lag: readings.lag?.projections,
        dlq: readings.dlq?.entities,
        outbox: readings.outbox?.outboxes,
        burn: readings.burn?.slos.map((slo) => {
          const f = burnFigures(slo);
          return {
            ...slo,
            burnRate: f.burn,
            budgetRemaining: f.remaining,
            exhaustionMs: f.exhaustionMs ?? null,
            policyStage: f.stage?.action ?? null,
            firingPairs: f.pairs.filter((p) => p.firing).map((p) => `${p.pair.short}/${p.pair.long}`),
          };
        }),
      },
      dropSeries,
    ),
  );
}

function statusText(s: Snapshot): string {
  const lines: string[] = [];
  const firing = s.alerts.filter((a) => a.state === 'firing');
  const verdict = firing.length
    ? `${firing.length} firing alert(s), worst SEV-${worstSeverity(s.alerts)}`
    : s.unevaluated.length
      ? 'no firing alerts among those evaluated'
      : 'no firing alerts';
  lines.push(`ATP ${s.context.name} [${s.context.environment}] at ${utcStamp(s.at)} — ${verdict}`);
  const coverage = coverageText(s.unevaluated);
  if (coverage) lines.push(`  ${coverage}`);
  for (const a of firing) lines.push(`  ${alertText(a, s.at)}`);
  const pending = s.alerts.length - firing.length;
  if (pending) lines.push(`  (${pending} pending)`);
  for (const p of PANE_IDS) if (!s.panes[p].ok) lines.push(`  ! ${p}: ${s.panes[p].error ?? 'no data'} (sources: ${s.panes[p].sources.join(', ') || 'none'})`);
  for (const p of PANE_IDS) if (s.panes[p].unconfigured) lines.push(`  - ${p}: ${UNCONFIGURED}`);
  const bad = (s.readings.health?.services ?? []).map((r) => ({r, st: rowStatus(r, s.context.thresholds)})).filter((x) => x.st.status !== 'Healthy');
  const badText = bad.map((x) => `${x.r.service}@${x.r.region} ${x.st.status}${x.st.reason ? ` (${x.st.reason})` : ''}`).join('; ');
  lines.push(`health: ${s.readings.health?.services.length ?? 0} rows, ${bad.length} not healthy${bad.length ? `: ${badText}` : ''}`);
  const lag = [...(s.readings.lag?.projections ?? [])].sort((a, b) => b.lagSeconds - a.lagSeconds)[0];
  if (lag) lines.push(`lag: worst ${lag.projection}@${lag.region} ${lag.lagSeconds.toFixed(1)}s (P95 ${lag.p95Seconds?.toFixed(1) ?? '—'}s)`);
  const dlq = s.readings.dlq?.entities ?? [];
  const worstDlq = [...dlq].sort((a, b) => b.deadLetter - a.deadLetter)[0];
  const worstDlqText = worstDlq ? `; worst ${worstDlq.entity} (${worstDlq.deadLetter})` : '';
  lines.push(`dlq: ${dlq.reduce((n, e) => n + e.deadLetter, 0)} dead letters in ${dlq.length} entities${worstDlqText}`);
  const outbox = [...(s.readings.outbox?.outboxes ?? [])].sort((a, b) => b.oldestAgeSeconds - a.oldestAgeSeconds)[0];
  if (outbox) lines.push(`outbox: worst ${outbox.service}@${outbox.region} ${outbox.pending} pending, oldest ${outbox.oldestAgeSeconds.toFixed(1)}s`);
  for (const slo of s.readings.burn?.slos ?? []) {
    const f = burnFigures(slo);
    const rate = (w: '5m' | '1h') => `${f.burn[w]?.toFixed(2) ?? '—'}x`;
    const policy = f.stage ? `, policy: ${f.stage.action}` : '';
    lines.push(`burn: ${slo.description ?? slo.slo}: budget ${percent(f.remaining)} left, 5m/1h ${rate('5m')}/${rate('1h')}${policy}`);
  }
  lines.push(`exit code ${statusCode(s)}`);
  return `${lines.join('\n')}\n`;
}

export async function statusCommand(cli: Cli, io: CliIo): Promise<number> {
  const {context} = setup(cli);
  const snapshot = await takeSnapshot(context, systemClock());
  io.out(cli.json ? `${JSON.stringify(statusJson(snapshot), null, 2)}\n` : statusText(snapshot));
  return statusCode(snapshot);
}
