// The action journal: append-only JSON lines, each entry carrying the SHA-256 of the one before it.
import {createHash} from 'node:crypto';
import {closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync} from 'node:fs';
import {dirname} from 'node:path';
import type {Identity} from './identity.js';
import {withLock} from './journal-lock.js';

export const GENESIS = '0'.repeat(64);

export type JournalPhase = 'planned' | 'confirmed' | 'cancelled' | 'refused' | 'started' | 'finished' | 'failed';

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
  readonly hash: string;
}

/** JSON with keys sorted at every level: the bytes the hash covers. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The hash of an entry: SHA-256 over its canonical form without the `hash` field. */
export function entryHash(entry: Omit<JournalEntry, 'hash'> & {hash?: string}): string {
  const {hash: _ignored, ...body} = entry;
  return createHash('sha256').update(canonical(body)).digest('hex');
}

function lastLine(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return lines[lines.length - 1];
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
      const last = lastLine(this.path);
      let prev = GENESIS;
      let seq = 1;
      if (last) {
        const parsed = JSON.parse(last) as JournalEntry;
        prev = parsed.hash;
        seq = parsed.seq + 1;
      }
      const body = {...record, seq, at: new Date(this.now()).toISOString(), prev};
      const entry: JournalEntry = {...body, hash: entryHash(body)};
      const fd = openSync(this.path, 'a', 0o600);
      try {
        writeSync(fd, `${JSON.stringify(entry)}\n`);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
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
