// Pure screen layout: how many lines each region gets, and where each pane sits, for any terminal size.
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

export interface LayoutInput {
  readonly columns: number;
  readonly rows: number;
  readonly headerLines: number;
  /** Alert lines wanted (the strip shows what fits and "+N more"). */
  readonly alertsWanted: number;
  readonly focus: PaneId;
  /** Rows of data each pane has. */
  readonly rowCounts: Readonly<Record<PaneId, number>>;
  readonly wall?: boolean;
  /** Extra lines the wall banner takes. */
  readonly bannerLines?: number;
}

/** Lines of alerts the strip may use at this height. */
export function alertBudget(rows: number, wall: boolean): number {
  if (wall) return rows >= 50 ? 8 : rows >= 35 ? 5 : 3;
  return rows >= 50 ? 6 : rows >= 36 ? 4 : rows >= 28 ? 3 : 2;
}

/** Splits `total` lines among panes: each gets `min`, the focused pane first, the rest by need. */
function share(panes: readonly PaneId[], total: number, focus: PaneId, counts: Readonly<Record<PaneId, number>>): Map<PaneId, number> {
  const min = total >= panes.length * 3 ? 3 : 2;
  const heights = new Map(panes.map((p) => [p, min]));
  let spare = total - min * panes.length;
  const need = (p: PaneId) => Math.max(0, counts[p] + 2 - (heights.get(p) ?? 0));
  // First every pane gets a few rows (its worst rows sort first), then the focused pane what it needs.
  for (const p of panes) {
    const give = Math.min(Math.max(0, Math.min(counts[p], 3) + 2 - (heights.get(p) ?? 0)), Math.max(0, spare - Math.min(spare, 4)));
    heights.set(p, (heights.get(p) ?? 0) + give);
    spare -= give;
  }
  if (panes.includes(focus) && spare > 0) {
    const give = Math.min(need(focus), spare);
    heights.set(focus, (heights.get(focus) ?? 0) + give);
    spare -= give;
  }
  while (spare > 0) {
    const hungry = panes.filter((p) => need(p) > 0);
    if (hungry.length === 0) break;
    for (const p of hungry) {
      if (spare === 0) break;
      heights.set(p, (heights.get(p) ?? 0) + 1);
      spare--;
    }
  }
  // Leftover lines (every pane satisfied) go to the last pane so the screen is filled exactly.
  const last = panes[panes.length - 1];
  if (spare > 0 && last) heights.set(last, (heights.get(last) ?? 0) + spare);
  return heights;
}

function stack(panes: readonly PaneId[], x: number, y: number, width: number, height: number, focus: PaneId, counts: Readonly<Record<PaneId, number>>): PaneBox[] {
  const heights = share(panes, height, focus, counts);
  let top = y;
  return panes.map((pane) => {
    const h = heights.get(pane) ?? 0;
    const box = {pane, x, y: top, width, height: h};
    top += h;
    return box;
  });
}

/** Lays out header, alerts, panes and footer to fill exactly `columns` × `rows`. */
export function computeLayout(input: LayoutInput): Layout {
  const {columns, rows, focus, rowCounts, wall = false} = input;
  const footerLines = wall ? 0 : 1;
  const alertLines = Math.min(Math.max(1, input.alertsWanted), alertBudget(rows, wall)) + (input.bannerLines ?? 0);
  const top = input.headerLines + alertLines;
  const areaHeight = Math.max(0, rows - top - footerLines);
  const twoColumns = columns >= 160 && areaHeight >= 24;
  let panes: PaneBox[];
  if (twoColumns) {
    const left = Math.floor(columns * 0.52);
    panes = [
      ...stack(['health', 'outbox'], 0, top, left, areaHeight, focus, rowCounts),
      ...stack(['lag', 'dlq', 'burn'], left, top, columns - left, areaHeight, focus, rowCounts),
    ];
  } else {
    panes = stack(PANE_IDS, 0, top, columns, areaHeight, focus, rowCounts);
  }
  return {columns, rows, headerLines: input.headerLines, alertLines, footerLines, top, areaHeight, panes, twoColumns};
}
