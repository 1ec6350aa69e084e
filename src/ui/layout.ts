// Pure screen layout: how many lines each region gets, and where each pane sits, for any terminal size.
// The lines follow the incident: every pane keeps its title line (its one-line summary), then critical rows,
// then warning rows, then the rest of the troubled panes, then healthy panes, then trends. A pane never gets a
// table header without a row under it, so no pane reads "2-1/6".
import type {PaneId} from '../data/readings/types.js';
import {PANE_IDS} from '../data/readings/types.js';

export interface PaneBox {
  readonly pane: PaneId;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Layout {
  readonly columns: number;
  readonly rows: number;
  readonly headerLines: number;
  readonly alertLines: number;
  readonly footerLines: number;
  /** Top line of the pane area. */
  readonly top: number;
  readonly areaHeight: number;
  readonly panes: readonly PaneBox[];
  readonly twoColumns: boolean;
}

/** Rows of a pane that are critical and warning (rows sort worst first, so these are its first rows). */
export interface Trouble {
  readonly crit: number;
  readonly warn: number;
}

export interface LayoutInput {
  readonly columns: number;
  readonly rows: number;
  readonly headerLines: number;
  /** Alert lines wanted (the strip shows what fits and "+N more"). */
  readonly alertsWanted: number;
  readonly focus: PaneId;
  /** Rows of data each pane has. */
  readonly rowCounts: Readonly<Record<PaneId, number>>;
  /** Critical and warning rows per pane (none when absent). */
  readonly trouble?: Readonly<Partial<Record<PaneId, Trouble>>>;
  readonly wall?: boolean;
  /** Whether the footer line shows (default: unless `wall`). */
  readonly footer?: boolean;
  /** Extra lines the wall banner takes. */
  readonly bannerLines?: number;
  /** Panes that show a note line under their rows (a source error, a partial answer): it costs a line. */
  readonly notes?: ReadonlySet<PaneId>;
}

/** Rows the focused pane shows before the troubled rows of other panes, so the selection stays visible. */
const FOCUS_ROWS = 2;

/** Lines of alerts the strip may use at this height. */
export function alertBudget(rows: number, wall: boolean): number {
  if (wall) return rows >= 50 ? 8 : rows >= 35 ? 5 : 3;
  return rows >= 50 ? 6 : rows >= 36 ? 4 : rows >= 28 ? 3 : 2;
}

/** Rows shown per pane when `total` lines are shared among `panes` (title line first, header with the first row). */
export function shareRows(panes: readonly PaneId[], total: number, input: Pick<LayoutInput, 'focus' | 'rowCounts' | 'trouble' | 'notes'>): Map<PaneId, number> {
  const shown = new Map(panes.map((p) => [p, 0]));
  // Each pane's title, and the note line of a pane that has one, come before any row.
  let spare = total - panes.length - panes.filter((p) => input.notes?.has(p)).length;
  const cost = (p: PaneId) => ((shown.get(p) ?? 0) === 0 ? 2 : 1);
  // Round-robin one row at a time among the panes still wanting rows up to `limit(p)`, in the order given.
  const fill = (order: readonly PaneId[], limit: (p: PaneId) => number) => {
    for (;;) {
      let gave = false;
      for (const p of order) {
        if ((shown.get(p) ?? 0) >= Math.min(limit(p), input.rowCounts[p]) || cost(p) > spare) continue;
        spare -= cost(p);
        shown.set(p, (shown.get(p) ?? 0) + 1);
        gave = true;
      }
      if (!gave) return;
    }
  };
  const trouble = (p: PaneId) => input.trouble?.[p] ?? {crit: 0, warn: 0};
  const worst = [...panes].sort((a, b) => trouble(b).crit - trouble(a).crit || trouble(b).warn - trouble(a).warn);
  const troubled = worst.filter((p) => trouble(p).crit + trouble(p).warn > 0);
  if (panes.includes(input.focus)) fill([input.focus], () => FOCUS_ROWS);
  fill(worst, (p) => trouble(p).crit);
  fill(worst, (p) => trouble(p).crit + trouble(p).warn);
  fill(troubled, () => Infinity);
  fill(panes, () => Infinity);
  return shown;
}

/** Lines a pane uses to show `rows` rows: its title, and a table header when it shows any row. */
export const paneLines = (rows: number): number => (rows > 0 ? rows + 2 : 1);

function stack(panes: readonly PaneId[], x: number, y: number, width: number, height: number, input: LayoutInput): PaneBox[] {
  const shown = shareRows(panes, height, input);
  const heights = new Map(panes.map((p) => [p, paneLines(shown.get(p) ?? 0) + (input.notes?.has(p) ? 1 : 0)]));
  // Lines left when every pane shows all its rows go to the worst pane (then the focused one) for a trend.
  const used = [...heights.values()].reduce((a, b) => a + b, 0);
  const trouble = (p: PaneId) => (input.trouble?.[p]?.crit ?? 0) * 1000 + (input.trouble?.[p]?.warn ?? 0);
  const focusFirst = (p: PaneId) => (p === input.focus ? 1 : 0);
  const extra =
    [...panes].filter((p) => (shown.get(p) ?? 0) > 0).sort((a, b) => trouble(b) - trouble(a) || focusFirst(b) - focusFirst(a))[0] ?? panes[panes.length - 1];
  if (extra && height > used) heights.set(extra, (heights.get(extra) ?? 0) + height - used);
  let top = y;
  return panes.map((pane) => {
    const h = heights.get(pane) ?? 0;
    const box = {pane, x, y: top, width, height: h};
    top += h;
    return box;
  });
}

/** Rows shown in total and of troubled rows, for choosing between one and two columns. */
function score(panes: readonly PaneBox[], input: LayoutInput): {troubled: number; all: number} {
  let troubled = 0;
  let all = 0;
  for (const b of panes) {
    const rows = Math.min(input.rowCounts[b.pane], Math.max(0, b.height - 2));
    const t = input.trouble?.[b.pane];
    troubled += Math.min(rows, (t?.crit ?? 0) + (t?.warn ?? 0));
    all += rows;
  }
  return {troubled, all};
}

/** Lays out header, alerts, panes and footer to fill exactly `columns` × `rows`. */
export function computeLayout(input: LayoutInput): Layout {
  const {columns, rows, wall = false} = input;
  const footerLines = (input.footer ?? !wall) ? 1 : 0;
  const alertLines = Math.min(Math.max(1, input.alertsWanted), alertBudget(rows, wall)) + (input.bannerLines ?? 0);
  const top = input.headerLines + alertLines;
  const areaHeight = Math.max(0, rows - top - footerLines);
  const single = stack(PANE_IDS, 0, top, columns, areaHeight, input);
  let panes = single;
  let twoColumns = false;
  // Two columns only when one column cannot show every row: full-width columns are cut less.
  if (columns >= 160 && areaHeight >= 24) {
    const left = Math.floor(columns * 0.52);
    const split = [
      ...stack(['health', 'outbox'], 0, top, left, areaHeight, input),
      ...stack(['lag', 'dlq', 'burn'], left, top, columns - left, areaHeight, input),
    ];
    const a = score(single, input);
    const b = score(split, input);
    if (b.troubled > a.troubled || (b.troubled === a.troubled && b.all > a.all)) {
      panes = split;
      twoColumns = true;
    }
  }
  return {columns, rows, headerLines: input.headerLines, alertLines, footerLines, top, areaHeight, panes, twoColumns};
}
