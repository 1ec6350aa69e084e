// `atp-cockpit journal show|verify`. Exit codes: 0 verified; 1 the check failed (tampered, truncated, head or file
// missing); 66 no journal at the path. docs/journal.md says what verify proves.
import {existsSync} from 'node:fs';
import {Journal, type JournalEntry} from '../actions/journal.js';
import {verifyJournalLocked} from '../actions/journal-verify.js';
import {loadConfig} from '../data/config/store.js';
import {sanitize} from '../data/text/sanitize.js';
import type {Cli} from './args.js';
import type {CliIo} from './io.js';
import {journalPath} from './setup.js';

export const EXIT_TAMPERED = 1;
export const EXIT_NO_JOURNAL = 66;

/** Keys whose numbers are instants (epoch milliseconds): shown as ISO UTC times, never as raw numbers. */
const TIME_KEY = /(^|[a-z])(at|At|since|Since|time|Time|until|Until)$/;

/** A figure for people: instants as ISO UTC, the rest as JSON. */
export function humanFigures(figures: Readonly<Record<string, unknown>>): string {
  const parts = Object.entries(figures)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === 'number' && TIME_KEY.test(k) && v > 1e11 && v < 1e14 ? new Date(v).toISOString() : JSON.stringify(v)}`);
  return parts.join(' ');
}

function line(e: JournalEntry): string {
  const who = `${e.who.user}@${e.who.host}${e.who.sshClient ? ` via ssh ${e.who.sshClient.split(' ')[0]}` : ''}`;
  const figures = [e.before ? `before ${humanFigures(e.before)}` : '', e.after ? `after ${humanFigures(e.after)}` : ''].filter(Boolean).join(' · ');
  const at = e.at.replace(/\.\d{3}Z$/, 'Z');
  const head = `#${e.seq} ${at} ${e.phase.toUpperCase().padEnd(9)} ${e.action} ${e.target}`;
  const parts = [head, who, `${e.context} [${e.environment}]`, e.reason && `reason: ${e.reason}`, e.incident, e.message, figures];
  return sanitize(parts.filter(Boolean).join(' · '));
}

export async function journalCommand(cli: Cli, io: CliIo): Promise<number> {
  const path = journalPath(cli, loadConfig(cli.config));
  const [verb] = cli.rest;
  if (verb === 'verify') {
    const result = await verifyJournalLocked(path);
    if (result.ok) {
      io.out(`journal ${path}: OK, ${result.entries} entries, chain intact; head: entry ${result.head.seq} sha256 ${result.head.hash}\n`);
      return 0;
    }
    const where = result.badLine ? ` at line ${result.badLine}` : '';
    io.out(`journal ${path}: ${result.missing ? 'NOT FOUND' : 'FAILED'}${where}: ${result.problem}\n`);
    return result.missing ? EXIT_NO_JOURNAL : EXIT_TAMPERED;
  }
  // verb === 'show' (parseCli has checked it)
  if (!existsSync(path)) {
    io.err(`atp-cockpit: no journal at ${path}: no action has been recorded there (give another file with --journal FILE)\n`);
    return EXIT_NO_JOURNAL;
  }
  const entries = new Journal(path).read();
  if (cli.json) {
    io.out(`${JSON.stringify(entries, null, 2)}\n`);
    return 0;
  }
  if (entries.length === 0) io.out(`journal ${path}: empty\n`);
  for (const e of entries) io.out(`${line(e)}\n`);
  return 0;
}
