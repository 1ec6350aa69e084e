// The incident timeline as text (terminal and the `T` view), Markdown (the post-incident review document) and JSON
// (scripts; its shape is documented in docs/incident-record.md and kept stable: fields are only ever added).
import type {TimelineEntry, TimelineKind} from './timeline.js';

/** The JSON document's version: raised only if a field changes meaning or goes away. */
export const TIMELINE_JSON_VERSION = 1;

const LABEL: Readonly<Record<TimelineKind, string>> = {alert: 'ALERT', deploy: 'DEPLOY', action: 'ACTION', page: 'PAGE', update: 'UPDATE', team: 'TEAM'};

/** `2026-12-06 03:00:14Z`. */
export function stamp(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, 'Z');
}

/** The parts after the event itself, in reading order. */
function details(e: TimelineEntry): string[] {
  return [
    e.severity !== undefined ? `SEV-${e.severity}` : '',
    e.value ?? '',
    e.who && e.kind !== 'alert' ? `by ${e.who}` : '',
    e.reason ? `reason: ${e.reason}` : '',
    e.incident ? `incident ${e.incident}` : '',
    e.detail ?? '',
  ].filter(Boolean);
}

/** One line: time, kind, what, subject and target, then the details. */
export function timelineLine(e: TimelineEntry, sep = ' · '): string {
  const head = `${stamp(e.at)}  ${LABEL[e.kind].padEnd(6)} ${e.what.padEnd(9)} ${e.subject} ${e.target}`;
  return [head, ...details(e)].join(sep);
}

export interface RecordHeader {
  readonly journal: string;
  readonly since?: number;
  /** Sources that could not be read, and what is missing because of it. */
  readonly notes: readonly string[];
}

function title(h: RecordHeader, count: number): string {
  return `Incident record from ${h.journal}${h.since === undefined ? '' : ` since ${stamp(h.since)}`}: ${count} entr${count === 1 ? 'y' : 'ies'}`;
}

/** The plain text `incident show` prints. */
export function timelineText(entries: readonly TimelineEntry[], h: RecordHeader): string {
  const lines = [title(h, entries.length), ...h.notes.map((n) => `note: ${n}`), ...entries.map((e) => timelineLine(e))];
  return `${lines.join('\n')}\n`;
}

/** A Markdown cell: pipes escaped, never a line break. */
const cell = (text: string) =>
  text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ');

/** A Markdown table for the post-incident review document. */
export function timelineMarkdown(entries: readonly TimelineEntry[], h: RecordHeader): string {
  const out = [`## Timeline`, '', `${cell(title(h, entries.length))}.`, ''];
  for (const n of h.notes) out.push(`> Note: ${cell(n)}`, '');
  out.push('| Time (UTC) | Kind | Event | Target | Who | Details |', '|---|---|---|---|---|---|');
  for (const e of entries) {
    const who = e.who ?? '';
    const rest = details(e).filter((d) => d !== `by ${who}`);
    const cells = [stamp(e.at), LABEL[e.kind].toLowerCase(), cell(`${e.subject} ${e.what}`), cell(e.target), cell(who), cell(rest.join('; '))];
    out.push(`| ${cells.join(' | ')} |`);
  }
  return `${out.join('\n')}\n`;
}

/** The JSON document (documented in docs/incident-record.md). */
export function timelineJson(entries: readonly TimelineEntry[], h: RecordHeader): unknown {
  return {
    version: TIMELINE_JSON_VERSION,
    journal: h.journal,
    since: h.since === undefined ? null : new Date(h.since).toISOString(),
    notes: h.notes,
    entries: entries.map((e) => ({
      at: new Date(e.at).toISOString(),
      kind: e.kind,
      what: e.what,
      subject: e.subject,
      target: e.target,
      source: e.source,
      ...(e.severity !== undefined ? {severity: e.severity} : {}),
      ...(e.value !== undefined ? {value: e.value} : {}),
      ...(e.who !== undefined ? {who: e.who} : {}),
      ...(e.reason !== undefined ? {reason: e.reason} : {}),
      ...(e.incident !== undefined ? {incident: e.incident} : {}),
      ...(e.onset !== undefined ? {onset: new Date(e.onset).toISOString()} : {}),
      ...(e.detail !== undefined ? {detail: e.detail} : {}),
      ...(e.seq !== undefined ? {seq: e.seq} : {}),
    })),
  };
}
