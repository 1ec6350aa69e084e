// `atp-cockpit journal show|verify`.
import {Journal} from '../actions/journal.js';
import {verifyJournal} from '../actions/journal-verify.js';
import {loadConfig} from '../data/config/store.js';
import {sanitize} from '../data/text/sanitize.js';
import {UsageError, type Cli} from './args.js';
import {journalPath} from './setup.js';

export function journalCommand(cli: Cli): number {
  const path = journalPath(cli, loadConfig(cli.config));
  const [verb] = cli.rest;
  if (verb === 'verify') {
    const result = verifyJournal(path);
    if (result.ok) {
      process.stdout.write(`journal ${path}: OK, ${result.entries} entries, chain intact\n`);
      return 0;
    }
    process.stdout.write(`journal ${path}: TAMPERED at line ${result.badLine}: ${result.problem}\n`);
    return 1;
  }
  if (verb === 'show') {
    const entries = new Journal(path).read();
    if (cli.json) {
      process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
      return 0;
    }
    if (entries.length === 0) process.stdout.write(`journal ${path}: empty\n`);
    for (const e of entries) {
      const who = `${e.who.user}@${e.who.host}${e.who.sshClient ? ` via ssh ${e.who.sshClient.split(' ')[0]}` : ''}`;
      const figures = [e.before ? `before ${JSON.stringify(e.before)}` : '', e.after ? `after ${JSON.stringify(e.after)}` : ''].filter(Boolean).join(' ');
      process.stdout.write(
        sanitize(`#${e.seq} ${e.at} ${e.phase.toUpperCase().padEnd(9)} ${e.action} ${e.target} · ${who} · ${e.context} [${e.environment}]${e.reason ? ` · reason: ${e.reason}` : ''}${e.incident ? ` · ${e.incident}` : ''}${e.message ? ` · ${e.message}` : ''}${figures ? ` · ${figures}` : ''}`) + '\n',
      );
    }
    return 0;
  }
  throw new UsageError('usage: atp-cockpit journal show|verify [--journal FILE]');
}
