// `atp-cockpit incident show [--since TIME] [--json | --markdown]`: the incident record for the post-incident review
// (issue 19). Reads the journal (alerts, actions, pages, updates) and, when the context has a Kubernetes source,
// colleagues' changes from its Events. Writes nothing. docs/incident-record.md.
import {existsSync} from 'node:fs';
import {Journal} from '../actions/journal.js';
import {buildTimeline, otherContexts} from '../actions/timeline.js';
import {timelineJson, timelineMarkdown, timelineText} from '../actions/timeline-format.js';
import {systemClock} from '../data/clock.js';
import type {ResolvedContext} from '../data/config/context.js';
import {describeError} from '../data/errors.js';
import {createSession} from '../data/session.js';
import type {TeamAction} from '../data/sources/types.js';
import {sanitizeLine} from '../data/text/sanitize.js';
import {UsageError, type Cli} from './args.js';
import type {CliIo} from './io.js';
import {EXIT_NO_JOURNAL} from './journal.js';
import {setup} from './setup.js';

const UNIT_MS: Readonly<Record<string, number>> = {s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000};

/** `--since`: ISO 8601 (`2026-12-06T02:30Z`, `2026-12-06`), or a span back from `now` (`2h`, `30m`, `1h30m`, `2d`). */
export function parseSince(text: string, now: number): number {
  const span = text.trim().toLowerCase();
  if (/^(\d+[smhd])+$/.test(span)) {
    let ms = 0;
    for (const [, n, unit] of span.matchAll(/(\d+)([smhd])/g)) ms += Number(n) * (UNIT_MS[unit ?? 's'] ?? 0);
    return now - ms;
  }
  // Date.parse takes more than ISO 8601 ("Dec 6"); only ISO forms are accepted, so a typo is never read as a date.
  const iso = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;
  const at = iso.test(text.trim()) ? Date.parse(text.trim().replace(' ', 'T')) : NaN;
  if (!Number.isFinite(at)) throw new UsageError(`--since needs a time: ISO 8601 (2026-12-06T02:30Z) or a span back from now (2h, 30m, 1h30m) (got "${text}")`);
  return at;
}

/** Colleagues' changes from every source of the context that reads them back (Kubernetes Events); the demo has none to read. */
async function teamActions(context: ResolvedContext, notes: string[]): Promise<TeamAction[]> {
  if (Object.values(context.sources).every((s) => s.kind === 'demo')) return [];
  const session = await createSession(context, {clock: systemClock()});
  try {
    const readers = [...session.sources.values()].filter((s) => s.capabilities.teamActions);
    if (readers.length === 0) notes.push(`context ${context.name} has no Kubernetes source: colleagues' actions are not included`);
    const lists = await Promise.all(
      readers.map((s) =>
        s.capabilities.teamActions!.recent(AbortSignal.timeout(15_000)).catch((error: unknown) => {
          notes.push(`colleagues' actions from ${s.id} could not be read: ${sanitizeLine(describeError(error))}`);
          return [];
        }),
      ),
    );
    return lists.flat();
  } finally {
    await session.close();
  }
}

export async function incidentCommand(cli: Cli, io: CliIo): Promise<number> {
  const {journalPath: path, context} = setup(cli);
  const since = cli.since === undefined ? undefined : parseSince(cli.since, Date.now());
  if (!existsSync(path)) {
    io.err(`atp-cockpit: no journal at ${path}: nothing has been recorded there (give another file with --journal FILE)\n`);
    return EXIT_NO_JOURNAL;
  }
  const notes: string[] = [];
  const team = await teamActions(context, notes);
  const journal = new Journal(path).read();
  const entries = buildTimeline({journal, context: context.name, team, since});
  const others = otherContexts(journal, context.name);
  if (others) notes.push(`${others}; --context NAME for another`);
  const header = {journal: sanitizeLine(path), since, notes};
  if (cli.json) io.out(`${JSON.stringify(timelineJson(entries, header), null, 2)}\n`);
  else if (cli.markdown) io.out(timelineMarkdown(entries, header));
  else io.out(timelineText(entries, header));
  return 0;
}
