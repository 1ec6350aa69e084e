// Reading Log Analytics result tables defensively: columns by name (case-insensitive, with aliases), typed cells.
import type {LogsTable} from '@azure/monitor-query-logs';
import {SourceError} from '../errors.js';
import {sanitize} from '../text/sanitize.js';

/** Typed access to the rows of the first table that has the required columns. */
export interface Rows {
  readonly count: number;
  num(row: number, column: string): number | undefined;
  text(row: number, column: string): string | undefined;
  time(row: number, column: string): number | undefined;
  has(column: string): boolean;
}

/** Column → accepted names (first is canonical). */
export type Aliases = Readonly<Record<string, readonly string[]>>;

const MAX_ROWS = 20_000;

/** Any numeric cell as a finite number (Kusto sends NaN and infinities as strings). */
function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return undefined;
}

function toTime(v: unknown): number | undefined {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.getTime();
  if (typeof v === 'string') {
    const t = Date.parse(v);
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

/** Binds `aliases` to the first table holding every `required` column; a shape error names what is missing. */
export function rowsOf(what: string, tables: readonly LogsTable[], aliases: Aliases, required: readonly string[]): Rows {
  const index = (table: LogsTable) => {
    const names = table.columnDescriptors.map((c) => String(c.name ?? '').toLowerCase());
    const out = new Map<string, number>();
    for (const [column, accepted] of Object.entries(aliases)) {
      const i = accepted.map((a) => names.indexOf(a.toLowerCase())).find((n) => n >= 0);
      if (i !== undefined) out.set(column, i);
    }
    return out;
  };
  const table = tables.find((t) => required.every((c) => index(t).has(c)));
  if (!table) {
    const seen = tables[0]?.columnDescriptors.map((c) => sanitize(String(c.name ?? ''))).join(', ') || 'no table';
    throw new SourceError('shape', `${what}: the result needs columns ${required.join(', ')} (got ${seen})`);
  }
  const columns = index(table);
  const rows = table.rows.slice(0, MAX_ROWS);
  const cell = (row: number, column: string): unknown => {
    const i = columns.get(column);
    return i === undefined ? undefined : rows[row]?.[i];
  };
  return {
    count: rows.length,
    has: (column) => columns.has(column),
    num: (row, column) => toNumber(cell(row, column)),
    time: (row, column) => toTime(cell(row, column)),
    text: (row, column) => {
      const v = cell(row, column);
      if (v === undefined || v === null) return undefined;
      const s = sanitize(typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v))).trim();
      return s.length > 80 ? s.slice(0, 80) : s;
    },
  };
}
