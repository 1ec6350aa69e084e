// A multi-line text area for dialogs: the text wrapped to the width (breaking anywhere, so every character keeps
// its place), scrolled to keep the cursor in view, the cursor shown as an inverse cell. Editing is text-edit.ts.
import {Text} from 'ink';
import {useRef} from 'react';
import {cellWidth, fit} from '../../data/text/width.js';
import type {TextEdit} from './text-edit.js';

/** One screen row of the text: its characters and where it starts in the text. */
interface VisualRow {
  readonly chars: readonly string[];
  readonly start: number;
}

/** The text as screen rows of at most `width` cells, and the cursor's row and column on them. */
export function visualRows(edit: TextEdit, width: number): {rows: VisualRow[]; cursorRow: number; cursorCol: number} {
  const rows: VisualRow[] = [];
  let cursorRow = 0;
  let cursorCol = 0;
  let row: string[] = [];
  let start = 0;
  let cells = 0;
  const push = (next: number) => {
    rows.push({chars: row, start});
    row = [];
    start = next;
    cells = 0;
  };
  for (let i = 0; i <= edit.chars.length; i++) {
    const ch = edit.chars[i];
    // The cursor cell needs room too: at a full row's end it goes to the next row.
    if (i === edit.cursor && cells >= width) push(i);
    if (i === edit.cursor) {
      cursorRow = rows.length;
      cursorCol = cells;
    }
    if (ch === undefined) break;
    if (ch === '\n') {
      push(i + 1);
      continue;
    }
    const w = Math.max(1, cellWidth(ch));
    if (cells + w > width) push(i);
    row.push(ch);
    cells += w;
  }
  push(edit.chars.length);
  return {rows, cursorRow, cursorCol};
}

export interface TextAreaProps {
  readonly edit: TextEdit;
  /** Cells of text per row (the frame's inside, less the margin). */
  readonly width: number;
  readonly height: number;
  readonly focused: boolean;
}

/** The text area; `height` rows always, so the dialog keeps its size while the text grows. */
export function TextArea({edit, width, height, focused}: TextAreaProps) {
  const {rows, cursorRow} = visualRows(edit, width);
  const top = useRef(0);
  // Scroll only as far as needed to keep the cursor's row in view.
  if (cursorRow < top.current) top.current = cursorRow;
  if (cursorRow >= top.current + height) top.current = cursorRow - height + 1;
  top.current = Math.max(0, Math.min(top.current, Math.max(0, rows.length - height)));
  const shown = Array.from({length: height}, (_, i) => rows[top.current + i]);
  return (
    <>
      {shown.map((r, i) => {
        const line = r ? r.chars.join('') : '';
        const rowIndex = top.current + i;
        if (!focused || !r || rowIndex !== cursorRow) return <Text key={i}>{fit(` ${line}`, width + 2)}</Text>;
        const at = edit.cursor - r.start;
        const under = r.chars[at] ?? ' ';
        return (
          <Text key={i}>
            {` ${r.chars.slice(0, at).join('')}`}
            <Text inverse>{under}</Text>
            {fit(r.chars.slice(at + 1).join(''), Math.max(0, width + 1 - cellWidth(r.chars.slice(0, at).join('')) - cellWidth(under)))}
          </Text>
        );
      })}
    </>
  );
}
