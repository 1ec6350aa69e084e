// The text area's editing model: typing, newline, backspace, cursor moves, and pasted text sanitised.
import {describe, expect, it} from 'vitest';
import {MAX_CHARS, backspace, cursorLineCol, editKey, editOf, insert, move, textOf, type TextEdit} from '../../src/ui/components/text-edit.js';

const keys = (e: TextEdit, ...names: string[]) => names.reduce((x, n) => editKey(x, n, n.length === 1 ? n : '') ?? x, e);

describe('text edit', () => {
  it('types at the cursor, breaks lines with Enter, deletes with Backspace', () => {
    let e = editOf('ab');
    e = keys(e, 'left', 'X', 'enter', 'Y');
    expect(textOf(e)).toBe('aX\nYb');
    expect(cursorLineCol(e)).toEqual({line: 1, col: 1});
    e = keys(e, 'backspace', 'backspace');
    expect(textOf(e)).toBe('aXb');
    expect(backspace({chars: ['a'], cursor: 0})).toEqual({chars: ['a'], cursor: 0});
  });

  it('moves up and down keeping the column (clamped to shorter lines), and to line start and end', () => {
    let e = editOf('first line\nab\nthird line');
    e = move(e, 'up');
    expect(cursorLineCol(e)).toEqual({line: 1, col: 2});
    e = move(move(e, 'up'), 'end');
    expect(cursorLineCol(e)).toEqual({line: 0, col: 10});
    e = move(e, 'down');
    expect(cursorLineCol(e)).toEqual({line: 1, col: 2});
    e = move(e, 'home');
    expect(cursorLineCol(e)).toEqual({line: 1, col: 0});
    expect(move(move(editOf('x\ny'), 'up'), 'up').cursor).toBe(0);
    expect(move(editOf('x'), 'down').cursor).toBe(1);
  });

  it('sanitises pasted text: no escape sequence, CR LF to LF, tabs to spaces, bidi overrides gone', () => {
    const e = insert(editOf(''), 'a\u001b]52;c;cm0gLXJmIH4=\u0007b\r\nc\td\u202ee\u001b[2Jf\rg');
    expect(textOf(e)).toBe('ab\nc  def\ng');
    expect(textOf(e)).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  });

  it('keeps wide and astral characters whole, and stops at the size limit', () => {
    const e = keys(editOf('漢👍'), 'left', 'backspace');
    expect(textOf(e)).toBe('👍');
    const full = insert(editOf('x'.repeat(MAX_CHARS - 1)), 'abc');
    expect(full.chars.length).toBe(MAX_CHARS);
    expect(textOf(full).endsWith('xa')).toBe(true);
  });

  it('ignores keys that are not edits (Esc, Tab, control keys)', () => {
    const e = editOf('x');
    expect(editKey(e, 'escape', '')).toBeUndefined();
    expect(editKey(e, 'tab', '')).toBeUndefined();
    expect(editKey(e, 'ctrl-k', '')).toBeUndefined();
  });
});
