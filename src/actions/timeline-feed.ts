// What the `T` view reads besides the journal and the session's team poller (colleagues' changes), through pollers
// (never from a view effect): deploy markers from the rollback capability's revision history of the services the
// timeline is about. docs/incident-record.md.
import {statSync} from 'node:fs';
import type {Clock} from '../data/clock.js';
import {describeError} from '../data/errors.js';
import {Poller} from '../data/poller.js';
import {capabilityFor, type Session} from '../data/session.js';
import type {ServiceRef} from '../data/sources/types.js';
import {sanitizeLine} from '../data/text/sanitize.js';
import type {Journal, JournalEntry} from './journal.js';

/** A revision that became active: from a rollback capability's history (`createdAt`). */
export interface DeployMarker {
  readonly at: number;
  /** `service@region`. */
  readonly target: string;
  readonly revision: number;
  readonly version: string;
}

/** What the outside poller hands the view (colleagues' changes come from the session's own team poller). */
export interface TimelineOutside {
  readonly deploys: readonly DeployMarker[];
  /** What could not be read, in words. */
  readonly notes: readonly string[];
}

/** Revision histories read per poll at most: each is a GET and a LIST on Kubernetes. */
export const MAX_HISTORIES = 8;
/** The outside poller's cadence: Events and revisions change slowly, and each poll costs requests. */
export const OUTSIDE_INTERVAL_MS = 30_000;
/** The journal poller's cadence: a local file read. */
export const JOURNAL_INTERVAL_MS = 2_000;

/** Polls the journal file (entries in file order); parses it again only when its size or modification time moved. */
export function journalPoller(journal: Journal, clock: Clock): Poller<readonly JournalEntry[]> {
  let seen: {stamp: string; entries: readonly JournalEntry[]} | undefined;
  const read = async (): Promise<readonly JournalEntry[]> => {
    const stat = statSync(journal.path, {throwIfNoEntry: false});
    const stamp = stat ? `${stat.size}:${stat.mtimeMs}` : 'none';
    if (seen?.stamp !== stamp) seen = {stamp, entries: journal.read()};
    return seen.entries;
  };
  return new Poller({name: 'timeline:journal', intervalMs: JOURNAL_INTERVAL_MS, timeoutMs: 5_000, clock, read});
}

/** `service@region` targets as service references (others, such as DLQ entities, have no revision history). */
function refsOf(targets: readonly string[]): ServiceRef[] {
  const refs: ServiceRef[] = [];
  for (const t of new Set(targets)) {
    const [service, region, more] = t.split('@');
    if (service && region && more === undefined) refs.push({service, region});
  }
  return refs.slice(0, MAX_HISTORIES);
}

/** Polls the revision histories of `targets()` (read at each poll). */
export function outsidePoller(session: Session, clock: Clock, targets: () => readonly string[]): Poller<TimelineOutside> {
  const read = async (signal: AbortSignal): Promise<TimelineOutside> => {
    const notes: string[] = [];
    const fail = (what: string) => (error: unknown) => {
      notes.push(`${what}: ${sanitizeLine(describeError(error))}`);
      return [];
    };
    const rollback = capabilityFor(session, 'health', 'rollback')?.capability;
    const deploys: DeployMarker[] = [];
    if (rollback) {
      const read = (ref: ServiceRef) => rollback.history(ref, signal).then((h) => ({ref, h}), fail(`revisions of ${ref.service}@${ref.region}`));
      const histories = await Promise.all(refsOf(targets()).map(read));
      for (const item of histories) {
        if (!('ref' in item)) continue;
        const target = `${item.ref.service}@${item.ref.region}`;
        for (const r of item.h) if (r.createdAt !== undefined) deploys.push({at: r.createdAt, target, revision: r.revision, version: r.version});
      }
    }
    return {deploys, notes};
  };
  return new Poller({name: 'timeline:outside', intervalMs: OUTSIDE_INTERVAL_MS, timeoutMs: 20_000, clock, read});
}
