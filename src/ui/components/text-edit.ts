// A multi-line text being edited: its characters (code points) and a cursor. Pure, so typing, pasting and moving are
// tested without a terminal. Every inserted string is sanitised: a paste cannot carry a control sequence in.
import {sanitize} from '../../data/text/sanitize.js';

/** The text as code points, and the cursor as an index into them (0..length). */
export interface TextEdit {
  readonly chars: readonly string[];
  readonly cursor: number;
}

/** The longest text kept (a status update is a few hundred characters; Slack takes 40,000). */
export const MAX_CHARS = 8_000;

/** Clean text to insert: CR LF and lone CR become LF, tabs two spaces, and every control sequence goes. */
export function cleanInsert(text: string): string {
  return sanitize(text.replace(/\r\n?/g, '\n').replace(/\t/g, '  '), {multiline: true});
}

/** A text with the cursor at its end. */
export function editOf(text: string): TextEdit {
  const chars = [...cleanInsert(text)].slice(0, MAX_CHARS);
  return {chars, cursor: chars.length};
}

export function textOf(e: TextEdit): string {
  return e.chars.join('');
}

/** Inserts `text` (sanitised) at the cursor; what would pass MAX_CHARS is dropped. */
export function insert(e: TextEdit, text: string): TextEdit {
  const add = [...cleanInsert(text)].slice(0, Math.max(0, MAX_CHARS - e.chars.length));
  if (add.length === 0) return e;
  return {chars: [...e.chars.slice(0, e.cursor), ...add, ...e.chars.slice(e.cursor)], cursor: e.cursor + add.length};
}

/** Deletes the character before the cursor. */
export function backspace(e: TextEdit): TextEdit {
  if (e.cursor === 0) return e;
  return {chars: [...e.chars.slice(0, e.cursor - 1), ...e.chars.slice(e.cursor)], cursor: e.cursor - 1};
}

/** Where the cursor is: line and column (both from 0). */
export function cursorLineCol(e: TextEdit): {line: number; col: number} {
  let line = 0;
  let start = 0;
  for (let i = 0; i < e.cursor; i++) {
    if (e.chars[i] === '\n') {
      line++;
      start = i + 1;
    }
  }
  return {line, col: e.cursor - start};
}

/** The start index and length of every line. */
function lineSpans(e: TextEdit): {start: number; length: number}[] {
  const spans: {start: number; length: number}[] = [];
  let start = 0;
  for (let i = 0; i <= e.chars.length; i++) {
    if (i === e.chars.length || e.chars[i] === '\n') {
      spans.push({start, length: i - start});
      start = i + 1;
    }
  }
  return spans;
}

/** Moves the cursor: a character left or right, a line up or down (keeping the column), to the line's start or end. */
export function move(e: TextEdit, to: 'left' | 'right' | 'up' | 'down' | 'home' | 'end'): TextEdit {
  const at = (cursor: number) => ({chars: e.chars, cursor: Math.max(0, Math.min(e.chars.length, cursor))});
  if (to === 'left') return at(e.cursor - 1);
  if (to === 'right') return at(e.cursor + 1);
  const spans = lineSpans(e);
  const {line, col} = cursorLineCol(e);
  const here = spans[line]!;
  if (to === 'home') return at(here.start);
  if (to === 'end') return at(here.start + here.length);
  const target = spans[to === 'up' ? line - 1 : line + 1];
  if (!target) return at(to === 'up' ? 0 : e.chars.length);
  return at(target.start + Math.min(col, target.length));
}

/** Applies a key (name and text, as the keyboard dispatcher gives them); undefined when the key is not an edit. */
export function editKey(e: TextEdit, name: string, text: string): TextEdit | undefined {
  switch (name) {
    case 'enter':
      return insert(e, '\n');
    case 'backspace':
      return backspace(e);
    case 'left':
    case 'right':
    case 'up':
    case 'down':
    case 'home':
    case 'end':
      return move(e, name);
    case 'ctrl-a':
      return move(e, 'home');
    case 'ctrl-e':
      return move(e, 'end');
    default:
      if (text && !name.startsWith('ctrl-') && name !== 'escape' && name !== 'tab' && name !== 'shift-tab') return insert(e, text);
      return undefined;
  }
}
