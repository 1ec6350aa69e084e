// Verifies a journal: finds an edited, deleted, inserted, reordered or truncated entry, a missing journal or head,
// and names the first bad line. What it can and cannot prove is in docs/journal.md (issue 13).
import {existsSync, readFileSync, statSync} from 'node:fs';
import {dirname} from 'node:path';
import {GENESIS, entryHash, readHead, type JournalEntry, type JournalHead} from './journal.js';
import {withLock} from './journal-lock.js';

export type VerifyResult =
  | {readonly ok: true; readonly entries: number; readonly head: JournalHead}
  | {
      readonly ok: false;
      readonly entries: number;
      /** 1-based line number of the first bad line (absent when the fault is not on a line: a missing file or head). */
      readonly badLine?: number;
      readonly problem: string;
      /** Nothing to verify at the path (no journal and no head): `journal verify` exits 66 rather than 1. */
      readonly missing?: boolean;
    };

const short = (hash: string) => hash.slice(0, 12);

/** Why `line` is not an entry the journal wrote, or undefined when it is one. */
function parseEntry(line: string): JournalEntry | string {
  if (line.trim() === '') return 'an empty line (inserted, or the rest of a deleted entry)';
  try {
    const entry = JSON.parse(line) as JournalEntry | null;
    const shaped = entry && typeof entry === 'object' && Number.isInteger(entry.seq) && typeof entry.hash === 'string' && typeof entry.prev === 'string';
    if (!shaped) return 'not a journal entry';
    return entry;
  } catch {
    return 'not valid JSON (edited, or a torn write)';
  }
}

/** Checks the file, every line's hash, the chain of `prev` hashes, the sequence, and the `.head` file. */
export function verifyJournal(path: string): VerifyResult {
  const headPath = `${path}.head`;
  const head = readHead(headPath);
  if (!existsSync(path)) {
    if (head !== undefined) {
      const recorded = head === 'unreadable' ? 'exists' : `records entry ${head.seq}`;
      return {ok: false, entries: 0, problem: `the journal file is missing, but its head ${headPath} ${recorded}: the journal was deleted or moved`};
    }
    const where = existsSync(dirname(path)) ? '' : ` (the directory ${dirname(path)} does not exist)`;
    return {ok: false, entries: 0, missing: true, problem: `no journal at ${path}${where}: nothing was recorded there, or it was deleted with its head`};
  }
  if (statSync(path).isDirectory()) return {ok: false, entries: 0, missing: true, problem: `${path} is a directory, not a journal file`};
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let prev = GENESIS;
  let seq = 0;
  let last: JournalEntry | undefined;
  const fail = (problem: string, badLine?: number): VerifyResult => ({ok: false, entries: seq, badLine, problem});
  for (const [i, line] of lines.entries()) {
    const at = i + 1;
    const entry = parseEntry(line);
    if (typeof entry === 'string') return {ok: false, entries: seq, badLine: at, problem: entry};
    if (entry.hash !== entryHash(entry)) return {ok: false, entries: seq, badLine: at, problem: 'content does not match its hash (entry edited)'};
    if (entry.prev !== prev) {
      const problem =
        entry.seq > seq + 1
          ? `${entry.seq === seq + 2 ? `entry ${seq + 1} is` : `entries ${seq + 1}–${entry.seq - 1} are`} missing (deleted)`
          : entry.seq <= seq
            ? 'entry out of order or inserted (chain broken)'
            : 'does not chain to the line before (deleted, inserted or reordered)';
      return {ok: false, entries: seq, badLine: at, problem};
    }
    if (entry.seq !== seq + 1) return {ok: false, entries: seq, badLine: at, problem: `sequence ${entry.seq} where ${seq + 1} was expected`};
    // The journal itself found the file inconsistent when it wrote this entry (journal.ts, predecessor).
    if (entry.anomaly) return {ok: false, entries: seq, badLine: at, problem: `written after the journal was found tampered with: ${entry.anomaly}`};
    prev = entry.hash;
    seq = entry.seq;
    last = entry;
  }
  if (text.length > 0 && !text.endsWith('\n')) return fail('the last line is cut short (no newline): a torn write, or the file was cut', lines.length);
  const end = lines.length === 0 ? 'the journal is empty' : `after line ${lines.length}`;
  if (head === 'unreadable') return fail(`the head file ${headPath} is unreadable, so the end of the journal cannot be checked`);
  if (!head) {
    if (seq === 0) return fail('the journal is empty and has no head file: nothing was recorded, or every entry was deleted with the head');
    return fail(`the head file ${headPath} is missing, so the end of the journal cannot be checked (entries ${end} may have been deleted)`);
  }
  if (head.seq === seq && head.hash === prev) return {ok: true, entries: seq, head};
  if (head.seq > seq) {
    const cut = head.seq === seq + 1 ? `entry ${head.seq} was` : `entries ${seq + 1}–${head.seq} were`;
    return fail(`${cut} deleted ${lines.length === 0 ? 'from the journal' : end} (the head records entry ${head.seq})`, lines.length + 1);
  }
  if (last && head.seq === seq - 1 && last.prev === head.hash) {
    return fail(`entry ${seq} is not recorded in the head (which ends at entry ${head.seq}): an append cut short, or an entry added by hand`, lines.length);
  }
  return fail(
    `the head records entry ${head.seq} (${short(head.hash)}…) but the journal ends at entry ${seq} (${short(prev)}…): its end was replaced`,
    lines.length,
  );
}

/** verifyJournal under the journal lock, so an append in progress is never mistaken for tampering. */
export async function verifyJournalLocked(path: string): Promise<VerifyResult> {
  if (!existsSync(path) || !existsSync(dirname(path))) return verifyJournal(path);
  try {
    return await withLock(`${path}.lock`, () => verifyJournal(path), 5_000);
  } catch (error) {
    // A read-only copy (an auditor's mount): check it without the lock.
    if (['EACCES', 'EROFS', 'EPERM'].includes((error as NodeJS.ErrnoException).code ?? '')) return verifyJournal(path);
    throw error;
  }
}
