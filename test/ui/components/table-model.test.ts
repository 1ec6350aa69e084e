// The table's pure layout: which columns fit, the visible window, sorting and filtering.
import {describe, expect, it} from 'vitest';
import {filterRows, fitColumns, LazyRow, sortRows, windowStart, type Column, type RowModel} from '../../../src/ui/components/table-model.js';

const col = (id: string, width: number, priority: number, extra: Partial<Column> = {}): Column => ({id, header: id, width, priority, ...extra});
const row = (key: string, rank: number, search = key): RowModel => ({key, rank, search, cells: {}});

describe('fitColumns', () => {
  const columns = [col('name', 10, 1), col('status', 8, 1), col('rate', 6, 2), col('trend', 12, 3, {flex: true})];

  it('keeps every column when they fit, and gives the flexible one what is left', () => {
    expect(fitColumns(columns, 60).map((c) => [c.column.id, c.width])).toEqual([
      ['name', 10],
      ['status', 8],
      ['rate', 6],
      ['trend', 12 + (60 - 39)],
    ]);
  });

  it('drops the highest priority number first, never a priority-1 column', () => {
    expect(fitColumns(columns, 30).map((c) => c.column.id)).toEqual(['name', 'status', 'rate']);
    expect(fitColumns(columns, 20).map((c) => c.column.id)).toEqual(['name', 'status']);
    expect(fitColumns(columns, 5).map((c) => c.column.id)).toEqual(['name', 'status']);
  });

  it('splits spare width between flexible columns, the remainder to the first', () => {
    const two = [col('a', 4, 1, {flex: true}), col('b', 4, 1, {flex: true})];
    expect(fitColumns(two, 14).map((c) => c.width)).toEqual([7, 6]);
  });
});

describe('windowStart', () => {
  it('starts at 0 when everything fits', () => expect(windowStart(5, 10, 4, 3)).toBe(0));
  it('keeps the previous window while the selection is inside it', () => expect(windowStart(100, 10, 25, 20)).toBe(20));
  it('scrolls just enough to show a selection below or above the window', () => {
    expect(windowStart(100, 10, 35, 20)).toBe(26);
    expect(windowStart(100, 10, 5, 20)).toBe(5);
  });
  it('never starts past the last full window', () => expect(windowStart(100, 10, 99, 95)).toBe(90));
});

describe('sortRows and filterRows', () => {
  const rows = [
    row('b', 1, 'query eu-west Degraded'),
    row('a', 1, 'gateway us-east Degraded'),
    row('c', 3, 'ingestion us-east Unhealthy'),
    row('d', 0, 'search eu-west Healthy'),
  ];

  it('sorts worst first, then by key, without touching the input', () => {
    expect(sortRows(rows).map((r) => r.key)).toEqual(['c', 'a', 'b', 'd']);
    expect(rows.map((r) => r.key)).toEqual(['b', 'a', 'c', 'd']);
  });

  it('keeps rows containing every word of the filter, in any case', () => {
    expect(filterRows(rows, 'EU-WEST').map((r) => r.key)).toEqual(['b', 'd']);
    expect(filterRows(rows, 'us-east degraded').map((r) => r.key)).toEqual(['a']);
    expect(filterRows(rows, '   ')).toHaveLength(4);
  });
});

describe('LazyRow', () => {
  it('formats its cells and search text once, and only when read', () => {
    let calls = 0;
    const format = {
      cells: (d: {name: string}) => {
        calls++;
        return {name: {text: d.name}};
      },
      search: (d: {name: string}) => d.name.toUpperCase(),
    };
    const lazy = new LazyRow('k', 2, 'warn', {name: 'query'}, undefined, format);
    expect(calls).toBe(0);
    expect(lazy.cells).toEqual({name: {text: 'query'}});
    expect(lazy.cells).toBe(lazy.cells);
    expect(calls).toBe(1);
    expect(lazy.search).toBe('QUERY');
    expect([lazy.key, lazy.rank, lazy.tone]).toEqual(['k', 2, 'warn']);
  });
});
