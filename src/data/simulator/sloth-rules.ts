// Writes ATP's SLO rules in Sloth's prometheus/v1 output convention (recordings, metadata, multi-window burn alerts),
// plus the Sloth spec they come from, so teams with Sloth can regenerate the same series with `sloth generate`.
import {BURN_PAIRS, type BurnPair} from '../slo/burn.js';
import {ATP_SLOS, SLOTH_SERVICE, SLO_LABELS, slothId, type AtpSlo} from './slos.js';

const WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'] as const;

const budget = (slo: AtpSlo) => Number(((100 - slo.objective) / 100).toPrecision(12));
const ratio = (slo: AtpSlo) => Number((slo.objective / 100).toPrecision(12));
const quote = (v: string) => (/^[\w.:/-]+$/.test(v) && !/^\d/.test(v) ? v : JSON.stringify(v));
const sorted = (labels: Record<string, string>) =>
  Object.keys(labels)
    .sort()
    .map((k) => `      ${k}: ${quote(labels[k]!)}`);
const block = (text: string) => text.split('\n').map((l) => `      ${l}`);
const selector = (slo: AtpSlo) => `{sloth_id="${slothId(slo)}", sloth_service="${SLOTH_SERVICE}", sloth_slo="${slo.name}"}`;

function record(name: string, expr: string, labels: Record<string, string>): string[] {
  return [`  - record: ${name}`, '    expr: |', ...block(expr), '    labels:', ...sorted(labels)];
}

function sliRules(slo: AtpSlo): string[] {
  const base = {...SLO_LABELS, sloth_id: slothId(slo), sloth_service: SLOTH_SERVICE, sloth_slo: slo.name};
  const lines = [`- name: sloth-slo-sli-recordings-${slothId(slo)}`, '  rules:'];
  for (const w of WINDOWS) {
    const q = (s: string) => s.replaceAll('{{.window}}', w);
    lines.push(...record(`slo:sli_error:ratio_rate${w}`, `(${q(slo.errorQuery)})\n/\n(${q(slo.totalQuery)})`, {...base, sloth_window: w}));
  }
  const five = `slo:sli_error:ratio_rate5m${selector(slo)}`;
  lines.push(
    ...record('slo:sli_error:ratio_rate30d', `sum_over_time(${five}[30d])\n/ ignoring (sloth_window)\ncount_over_time(${five}[30d])`, {
      ...base,
      sloth_window: '30d',
    }),
  );
  return lines;
}

function metaRules(slo: AtpSlo): string[] {
  const base = {...SLO_LABELS, sloth_id: slothId(slo), sloth_service: SLOTH_SERVICE, sloth_slo: slo.name};
  const sel = selector(slo);
  const on = '/ on(sloth_id, sloth_slo, sloth_service) group_left';
  return [
    `- name: sloth-slo-meta-recordings-${slothId(slo)}`,
    '  rules:',
    ...record('slo:objective:ratio', `vector(${ratio(slo)})`, base),
    ...record('slo:error_budget:ratio', `vector(1-${ratio(slo)})`, base),
    ...record('slo:time_period:days', 'vector(30)', base),
    ...record('slo:current_burn_rate:ratio', `slo:sli_error:ratio_rate5m${sel}\n${on}\nslo:error_budget:ratio${sel}`, base),
    ...record('slo:period_burn_rate:ratio', `slo:sli_error:ratio_rate30d${sel}\n${on}\nslo:error_budget:ratio${sel}`, base),
    ...record('slo:period_error_budget_remaining:ratio', `1 - slo:period_burn_rate:ratio${sel}`, base),
    ...record('sloth_slo_info', 'vector(1)', {
      ...base,
      sloth_mode: 'cli-gen-prom',
      sloth_objective: String(slo.objective),
      sloth_spec: 'prometheus/v1',
      sloth_version: 'atp-cockpit',
    }),
  ];
}

function alert(slo: AtpSlo, severity: 'page' | 'ticket'): string[] {
  // The multi-window, multi-burn-rate pairs (Google SRE workbook), as the cockpit evaluates them: page, then ticket.
  const pairs = BURN_PAIRS.filter((p) => p.urgency === severity);
  const sel = selector(slo);
  const part = ({short, long, threshold: factor}: BurnPair) =>
    [
      '(',
      `    (slo:sli_error:ratio_rate${short}${sel} > (${factor} * ${budget(slo)}))`,
      '    and ignoring (sloth_window)',
      `    (slo:sli_error:ratio_rate${long}${sel} > (${factor} * ${budget(slo)}))`,
      ')',
    ].join('\n');
  const pair = pairs.map((p) => part(p)).join('\nor ignoring (sloth_window)\n');
  const sev = severity === 'page' ? 'SEV-2' : 'SEV-3';
  return [
    '  - alert: ErrorBudgetBurn',
    '    expr: |',
    ...block(pair),
    '    labels:',
    ...sorted({
      category: slo.category,
      runbook_section: 'Topic 10 (SLO Monitoring & Burn Rate Alerts)',
      severity: sev,
      sloth_id: slothId(slo),
      sloth_severity: severity,
    }),
    '    annotations:',
    `      summary: ${JSON.stringify(`${slo.description.split(':')[0]} is burning its error budget too fast`)}`,
    `      title: ${JSON.stringify(`(${severity}) {{$labels.sloth_service}} {{$labels.sloth_slo}} SLO error budget burn rate is too fast.`)}`,
  ];
}

/** The recording and alerting rules for every ATP SLO. */
export function slothRules(): string {
  const lines = [
    '---',
    "# ATP SLO rules in Sloth's prometheus/v1 output convention (slo:sli_error:ratio_rate<window>, sloth_* labels).",
    '# Generated from deploy/prometheus/atp-slos.sloth.yml by `scripts/prom-stack.sh rules`; do not edit by hand.',
    '',
    'groups:',
  ];
  for (const slo of ATP_SLOS) {
    lines.push(...sliRules(slo), ...metaRules(slo), `- name: sloth-slo-alerts-${slothId(slo)}`, '  rules:', ...alert(slo, 'page'), ...alert(slo, 'ticket'));
  }
  return `${lines.join('\n')}\n`;
}

/** The Sloth spec (input of `sloth generate`) for the same SLOs. */
export function slothSpec(): string {
  const lines = [
    'version: "prometheus/v1"',
    `service: "${SLOTH_SERVICE}"`,
    'labels:',
    ...Object.entries(SLO_LABELS).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`),
    'slos:',
  ];
  for (const slo of ATP_SLOS) {
    lines.push(
      `  - name: "${slo.name}"`,
      `    objective: ${slo.objective}`,
      `    description: ${JSON.stringify(slo.description)}`,
      '    sli:',
      '      events:',
      `        error_query: ${JSON.stringify(slo.errorQuery)}`,
      `        total_query: ${JSON.stringify(slo.totalQuery)}`,
      '    alerting:',
      '      name: ErrorBudgetBurn',
      `      labels: {category: "${slo.category}", runbook_section: "Topic 10 (SLO Monitoring & Burn Rate Alerts)"}`,
      '      page_alert: {labels: {severity: "SEV-2"}}',
      '      ticket_alert: {labels: {severity: "SEV-3"}}',
    );
  }
  return `${lines.join('\n')}\n`;
}
