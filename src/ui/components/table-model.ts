// The table's data model and its pure layout: which columns fit, how wide, which rows are visible.
import type {Series} from '../../data/readings/types.js';
import type {Tone} from '../theme.js';
import {compareText} from '../../data/text/order.js';
import {firstThatFits} from '../../data/text/width.js';

export interface Cell {
  readonly text: string;
  /** Shorter ways to say the same, longest first: the table shows the first that fits its column (cellText). */
  readonly shorter?: readonly string[];
  readonly tone?: Tone;
  readonly bold?: boolean;
}

/** What a cell shows in a column `width` cells wide: its text, or the first shorter form that fits. */
export function cellText(cell: Cell | undefined, width: number): string {
  if (!cell) return '';
  return cell.shorter?.length ? firstThatFits([cell.text, ...cell.shorter], width) : cell.text;
}

/** One row of a pane: a stable key, cells by column id, a severity rank for sorting and a filter text. */
export interface RowModel {
  readonly key: string;
  readonly cells: Readonly<Record<string, Cell>>;
  readonly tone?: Tone;
  /** Higher is worse; rows sort worst first. */
  readonly rank: number;
  readonly search: string;
  /** The row's history, drawn under the table when a pane has lines to spare (wide screens). */
  readonly trend?: RowTrend;
}

/** The line a chart is judged against (an alert threshold, an SLO), and what it is (`SLO P95 <5s`, `page >14.4x`). */
export interface TrendLine {
  readonly value: number;
  readonly label: string;
}

/** A row's history: what it measures, the samples, how to write a value, and the line its row is judged by. */
export interface RowTrend {
  readonly title: string;
  readonly series?: Series;
  format(value: number): string;
  /** Drawn dotted and named in the chart's title, as in the detail views; none where no line applies. */
  readonly threshold?: TrendLine;
}

export interface Column {
  readonly id: string;
  readonly header: string;
  readonly width: number;
  readonly align?: 'left' | 'right';
  /** 1 is shown at any width; higher numbers are dropped first when space runs out. */
  readonly priority: number;
  /** Takes the width left over (at least `width`). */
  readonly flex?: boolean;
  /**
   * A story column's (reasons, failing checks) fair width: columns of a worse priority give way until it has this
   * much, so decoration (trends, counters) never leaves the reason cut.
   */
  readonly want?: number;
  /** Keep the end of the text when it is cut (trend lines: newest at the right). */
  readonly keepEnd?: boolean;
}

/** How a pane formats one of its rows, given the row's data and what the pane shares (thresholds, symbols). */
export interface RowFormat<D, C> {
  cells(data: D, ctx: C): Record<string, Cell>;
  search(data: D, ctx: C): string;
  trend?(data: D, ctx: C): RowTrend | undefined;
}

/**
 * A row whose cells (and search text) are built only when read: with thousands of rows, only the visible ones
 * are ever formatted, so a refresh costs little more at 1,000 entities than at 100. One small object per row.
 */
export class LazyRow<D, C> implements RowModel {
  private builtCells: Record<string, Cell> | undefined;
  private builtSearch: string | undefined;

  constructor(
    readonly key: string,
    readonly rank: number,
    readonly tone: Tone | undefined,
    private readonly data: D,
    private readonly ctx: C,
    private readonly format: RowFormat<D, C>,
  ) {}

  get cells(): Record<string, Cell> {
    this.builtCells ??= this.format.cells(this.data, this.ctx);
    return this.builtCells;
  }

  get trend(): RowTrend | undefined {
    return this.format.trend?.(this.data, this.ctx);
  }

  get search(): string {
    this.builtSearch ??= this.format.search(this.data, this.ctx);
    return this.builtSearch;
  }
}

/** Picks the columns that fit `width` (one space between columns) and sizes the flexible ones. */
export function fitColumns(columns: readonly Column[], width: number): {column: Column; width: number}[] {
  const chosen = [...columns];
  const used = () => chosen.reduce((sum, c) => sum + c.width, 0) + Math.max(0, chosen.length - 1);
  while (used() > width && chosen.length > 1) {
    const worst = chosen.reduce((a, b) => (b.priority >= a.priority ? b : a));
    if (worst.priority <= 1) break;
    chosen.splice(chosen.indexOf(worst), 1);
  }
  const spare0 = () => Math.max(0, width - used());
  for (const story of chosen.filter((c) => c.want !== undefined)) {
    for (;;) {
      if (story.width + spare0() >= (story.want ?? 0)) break;
      const worse = chosen.filter((c) => c.priority > story.priority);
      if (worse.length === 0) break;
      const worst = worse.reduce((a, b) => (b.priority >= a.priority ? b : a));
      chosen.splice(chosen.indexOf(worst), 1);
    }
  }
  const spare = spare0();
  const flex = chosen.filter((c) => c.flex);
  return chosen.map((column) => {
    if (!column.flex || flex.length === 0) return {column, width: column.width};
    const share = Math.floor(spare / flex.length) + (column === flex[0] ? spare % flex.length : 0);
    return {column, width: column.width + share};
  });
}

/** The first visible row so that `selected` is on screen in a window of `height` rows. */
export function windowStart(total: number, height: number, selected: number, previous = 0): number {
  if (total <= height) return 0;
  let start = Math.min(previous, total - height);
  if (selected < start) start = selected;
  if (selected >= start + height) start = selected - height + 1;
  return Math.max(0, Math.min(start, total - height));
}

const TIER: Readonly<Partial<Record<Tone, number>>> = {crit: 3, warn: 2, unknown: 2};
const tier = (r: RowModel) => (r.tone ? (TIER[r.tone] ?? 0) : 0);

/** Sorts worst first (critical rows, then warning rows, then by rank), then by key, without mutating. */
export function sortRows(rows: readonly RowModel[]): RowModel[] {
  return [...rows].sort((a, b) => tier(b) - tier(a) || b.rank - a.rank || compareText(a.key, b.key));
}

/** Rows whose search text contains every word of `filter` (case-insensitive). */
export function filterRows(rows: readonly RowModel[], filter: string): RowModel[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rows];
  return rows.filter((r) => words.every((w) => r.search.toLowerCase().includes(w)));
}
