// The action journal: append-only JSON lines, each entry carrying the SHA-256 of the one before it, and a `.head`
// file recording the last entry (its seq and hash), so that cutting entries off the end is seen too. docs/journal.md.
import {createHash} from 'node:crypto';
import {closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync} from 'node:fs';
import {dirname} from 'node:path';
import type {Identity} from './identity.js';
import {withLock} from './journal-lock.js';

export const GENESIS = '0'.repeat(64);

/** An action's steps; `fired` and `cleared` are an alert's transitions (action `alert`, src/actions/alert-record.ts). */
export type JournalPhase = 'planned' | 'confirmed' | 'cancelled' | 'refused' | 'started' | 'finished' | 'failed' | 'fired' | 'cleared';

/** What a caller records; the journal adds seq, time and the hash chain. */
export interface JournalRecord {
  readonly actionId: string;
  readonly action: string;
  readonly phase: JournalPhase;
  readonly who: Identity;
  readonly context: string;
  readonly environment: string;
  readonly target: string;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly reason?: string;
  readonly incident?: string;
  readonly before?: Readonly<Record<string, unknown>>;
  readonly after?: Readonly<Record<string, unknown>>;
  readonly result?: Readonly<Record<string, unknown>>;
  readonly message?: string;
}

export interface JournalEntry extends JournalRecord {
  readonly seq: number;
  readonly at: string;
  readonly prev: string;
  /** Set by the journal when it found the file and its head inconsistent while appending: verify fails on it for good. */
  readonly anomaly?: string;
  readonly hash: string;
}

/** What the `.head` file records: the last entry written. */
export interface JournalHead {
  readonly seq: number;
  readonly hash: string;
}

/** The head file's record; `undefined` when there is none, `'unreadable'` when it does not parse. */
export function readHead(headPath: string): JournalHead | 'unreadable' | undefined {
  if (!existsSync(headPath)) return undefined;
  try {
    const head = JSON.parse(readFileSync(headPath, 'utf8')) as Partial<JournalHead> | null;
    const valid = head && Number.isInteger(head.seq) && typeof head.hash === 'string' && /^[0-9a-f]{64}$/.test(head.hash);
    return valid ? {seq: head.seq as number, hash: head.hash as string} : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

/** JSON with keys sorted at every level: the bytes the hash covers. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The hash of an entry: SHA-256 over its canonical form without the `hash` field. */
export function entryHash(entry: Omit<JournalEntry, 'hash'> & {hash?: string}): string {
  const {hash: _ignored, ...body} = entry;
  return createHash('sha256').update(canonical(body)).digest('hex');
}

/** The last line's entry (undefined when the file is missing, empty or its last line does not parse), and whether the file ends mid-line. */
function lastEntry(path: string): {entry?: JournalEntry; torn: boolean; lines: number} {
  if (!existsSync(path)) return {torn: false, lines: 0};
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const line = lines[lines.length - 1];
  const torn = text.length > 0 && !text.endsWith('\n');
  try {
    const entry = line === undefined ? undefined : (JSON.parse(line) as JournalEntry);
    return {entry: entry && Number.isInteger(entry.seq) && typeof entry.hash === 'string' ? entry : undefined, torn, lines: lines.length};
  } catch {
    return {torn, lines: lines.length};
  }
}

/**
 * Where the next entry chains on. Normally the last line, which the head records. When they disagree the head wins
 * (it was written after the line): entries cut off the end, or a deleted file, leave a gap in the chain that no
 * later append can close, and `journal verify` keeps reporting it. A missing or unreadable head is written into the
 * new entry (`anomaly`), for the same reason. Issue 13.
 */
function predecessor(path: string, headPath: string): {seq: number; prev: string; anomaly?: string; torn: boolean} {
  const {entry: last, torn, lines} = lastEntry(path);
  const head = readHead(headPath);
  const fromLast = last ? {seq: last.seq + 1, prev: last.hash, torn} : {seq: 1, prev: GENESIS, torn};
  if (head === 'unreadable') return {...fromLast, anomaly: `the head file ${headPath} was unreadable`};
  if (head === undefined) {
    if (lines === 0) return fromLast;
    return {...fromLast, anomaly: `the head file ${headPath} was missing (the journal had ${lines} line(s))`};
  }
  if (last && last.seq === head.seq && last.hash === head.hash && !torn) return fromLast;
  // An append cut short after its line and before its head: the line chains onto the head, so it stands.
  if (last && last.seq === head.seq + 1 && last.prev === head.hash && !torn) return fromLast;
  const ended = last ? `entry ${last.seq}` : lines ? 'an unreadable line' : 'no entry';
  return {seq: head.seq + 1, prev: head.hash, torn, anomaly: `the journal ended at ${ended} but its head recorded entry ${head.seq}`};
}

/** Appends `line` durably; after a line cut short (a torn write), a newline first, so the entry stays a line of its own. */
function appendLine(path: string, line: string, torn: boolean): void {
  const fd = openSync(path, 'a', 0o600);
  try {
    writeSync(fd, `${torn ? '\n' : ''}${line}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** An append-only, hash-chained journal file (plus a `.head` file recording the last entry, to catch truncation). */
export class Journal {
  constructor(
    readonly path: string,
    private readonly now: () => number = Date.now,
  ) {}

  get headPath(): string {
    return `${this.path}.head`;
  }

  /** Appends one entry durably (fsync) under the journal lock; returns it as written. */
  async append(record: JournalRecord): Promise<JournalEntry> {
    mkdirSync(dirname(this.path), {recursive: true, mode: 0o700});
    return withLock(`${this.path}.lock`, () => {
      const {seq, prev, anomaly, torn} = predecessor(this.path, this.headPath);
      const body = {...record, seq, at: new Date(this.now()).toISOString(), prev, ...(anomaly ? {anomaly} : {})};
      const entry: JournalEntry = {...body, hash: entryHash(body)};
      // The line first, then the head: a crash between them leaves a line the head does not record yet, which the
      // next append accepts (it chains onto the head) and verify reports until then.
      appendLine(this.path, JSON.stringify(entry), torn);
      const tmp = `${this.headPath}.${process.pid}.tmp`;
      const hfd = openSync(tmp, 'w', 0o600);
      try {
        writeSync(hfd, `${JSON.stringify({seq: entry.seq, hash: entry.hash})}\n`);
        fsyncSync(hfd);
      } finally {
        closeSync(hfd);
      }
      renameSync(tmp, this.headPath);
      return entry;
    });
  }

  /** Every entry that parses, in file order. */
  read(): JournalEntry[] {
    if (!existsSync(this.path)) return [];
    return readFileSync(this.path, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as JournalEntry];
        } catch {
          return [];
        }
      });
  }

  /** The last `n` entries. */
  tail(n: number): JournalEntry[] {
    return this.read().slice(-n);
  }
}
