// A windowed table: only the visible rows are rendered, so cost follows the screen, not the data.
import {Text} from 'ink';
import {memo, useRef} from 'react';
import {fit, fitEnd} from '../../data/text/width.js';
import {toAscii} from '../terminal/ascii.js';
import {useTheme} from '../context.js';
import {cellText, fitColumns, windowStart, type Column, type RowModel} from './table-model.js';

export interface TableProps {
  readonly columns: readonly Column[];
  readonly rows: readonly RowModel[];
  readonly width: number;
  /** Lines available, header included. */
  readonly height: number;
  readonly selected: number;
  readonly focused: boolean;
  readonly stale: boolean;
  readonly emptyText?: string;
}

/** " 3-8 of 16" when only part of the rows is visible; nothing when all are, or none (never "2-1/6"). */
export function rowRange(start: number, visible: number, total: number): string {
  return visible > 0 && visible < total ? ` ${start + 1}-${start + visible} of ${total}` : '';
}

/** Renders a header line and the rows that fit, keeping the selected row in view. */
export const Table = memo(function Table({columns, rows, width, height, selected, focused, stale, emptyText}: TableProps) {
  const theme = useTheme();
  const start = useRef(0);
  const layout = fitColumns(columns, width - 2);
  const bodyHeight = Math.max(0, height - 1);
  start.current = windowStart(rows.length, bodyHeight, selected, start.current);
  const visible = rows.slice(start.current, start.current + bodyHeight);
  const header = layout.map(({column, width: w}) => fit(column.header, w, column.align, theme.ellipsis)).join(' ');
  const more = rowRange(start.current, visible.length, rows.length);
  const lines = [
    <Text key="header" bold dimColor wrap="truncate">
      {fit(`  ${header}`, width - more.length, 'left', theme.ellipsis)}
      {more}
    </Text>,
  ];
  if (rows.length === 0 && bodyHeight > 0) {
    lines.push(
      <Text key="empty" dimColor wrap="truncate">
        {fit(`  ${emptyText ?? 'no rows'}`, width)}
      </Text>,
    );
  }
  visible.forEach((row, i) => {
    const isSelected = focused && start.current + i === selected;
    lines.push(
      <Text key={row.key} inverse={isSelected} dimColor={stale && !isSelected} wrap="truncate">
        {isSelected ? `${theme.selected} ` : '  '}
        {layout.map(({column, width: w}, c) => {
          const cell = row.cells[column.id];
          const raw = theme.ascii ? toAscii(cellText(cell, w)) : cellText(cell, w);
          const body = column.keepEnd ? fitEnd(raw, w) : fit(raw, w, column.align, theme.ellipsis);
          const text = body + (c < layout.length - 1 ? ' ' : '');
          const color = stale ? undefined : theme.tone(cell?.tone);
          return (
            <Text key={column.id} color={color} bold={cell?.bold}>
              {text}
            </Text>
          );
        })}
      </Text>,
    );
  });
  return <>{lines}</>;
});
