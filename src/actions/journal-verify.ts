// Verifies a journal: finds an edited, deleted, inserted, reordered or truncated entry and names the first bad line.
import {existsSync, readFileSync} from 'node:fs';
import {GENESIS, entryHash, type JournalEntry} from './journal.js';

export interface VerifyResult {
  readonly ok: boolean;
  readonly entries: number;
  /** 1-based line number of the first bad line. */
  readonly badLine?: number;
  readonly problem?: string;
}

/** Checks every line's hash, the chain of `prev` hashes, the sequence, and the `.head` file. */
export function verifyJournal(path: string): VerifyResult {
  if (!existsSync(path)) return {ok: true, entries: 0};
  const lines = readFileSync(path, 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let prev = GENESIS;
  let seq = 0;
  for (const [i, line] of lines.entries()) {
    const at = i + 1;
    let entry: JournalEntry;
    try {
      entry = JSON.parse(line) as JournalEntry;
    } catch {
      return {ok: false, entries: i, badLine: at, problem: 'not valid JSON (edited or torn line)'};
    }
    if (entry.hash !== entryHash(entry)) return {ok: false, entries: i, badLine: at, problem: 'content does not match its hash (entry edited)'};
    if (entry.prev !== prev) {
      return {ok: false, entries: i, badLine: at, problem: entry.seq > seq + 1 ? `entry ${seq + 1} is missing (deleted)` : entry.seq <= seq ? 'entry out of order or inserted (chain broken)' : 'does not chain to the line before (deleted, inserted or reordered)'};
    }
    if (entry.seq !== seq + 1) return {ok: false, entries: i, badLine: at, problem: `sequence ${entry.seq} where ${seq + 1} was expected`};
    prev = entry.hash;
    seq = entry.seq;
  }
  const headPath = `${path}.head`;
  if (existsSync(headPath)) {
    try {
      const head = JSON.parse(readFileSync(headPath, 'utf8')) as {seq: number; hash: string};
      if (head.seq !== seq || head.hash !== prev) {
        return {ok: false, entries: seq, badLine: lines.length + 1, problem: head.seq > seq ? `entries after line ${lines.length} were deleted (head records entry ${head.seq})` : 'head record does not match the last entry'};
      }
    } catch {
      return {ok: false, entries: seq, badLine: lines.length, problem: 'head record unreadable'};
    }
  } else if (seq > 0) {
    return {ok: false, entries: seq, badLine: lines.length, problem: `head record ${headPath} is missing`};
  }
  return {ok: true, entries: seq};
}
