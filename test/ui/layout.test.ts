import {describe, expect, it} from 'vitest';
import {computeLayout, type LayoutInput} from '../../src/ui/layout.js';

const counts = {health: 16, lag: 6, dlq: 12, outbox: 8, burn: 4};
const calm = {};
const dlqStorm = {dlq: {crit: 3, warn: 0}};
const regionOutage = {health: {crit: 8, warn: 0}, lag: {crit: 3, warn: 0}, outbox: {crit: 4, warn: 0}, burn: {crit: 1, warn: 1}, dlq: {crit: 0, warn: 1}};
const SIZES = [
  [80, 24],
  [100, 30],
  [120, 40],
  [159, 50],
  [160, 50],
  [200, 60],
  [250, 70],
  [300, 90],
] as const;

const heightOf = (l: ReturnType<typeof computeLayout>, pane: string) => l.panes.find((p) => p.pane === pane)!.height;

describe('layout', () => {
  it('fills the terminal exactly from 80x24 to 250x70; a pane is its title alone or shows at least one row', () => {
    for (const [columns, rows] of SIZES) {
      for (const alerts of [0, 1, 3, 12]) {
        for (const trouble of [calm, dlqStorm, regionOutage]) {
          const l = computeLayout({columns, rows, headerLines: 1, alertsWanted: alerts, focus: 'dlq', rowCounts: counts, trouble});
          expect(l.top + l.areaHeight + l.footerLines).toBe(rows);
          const byColumn = new Map<number, number>();
          for (const b of l.panes) {
            // Height 2 would be a title and a table header without rows: "2-1/6".
            expect(b.height === 1 || b.height >= 3).toBe(true);
            expect(b.x + b.width).toBeLessThanOrEqual(columns);
            byColumn.set(b.x, (byColumn.get(b.x) ?? 0) + b.height);
          }
          for (const total of byColumn.values()) expect(total).toBe(l.areaHeight);
          expect(l.panes).toHaveLength(5);
        }
      }
    }
  });

  it('gives rows to the panes with something wrong and folds healthy panes to their title at 80x24', () => {
    const input: LayoutInput = {columns: 80, rows: 24, headerLines: 1, alertsWanted: 3, focus: 'health', rowCounts: counts, trouble: dlqStorm};
    const l = computeLayout(input);
    // The DLQ pane shows every critical row under its title and header; healthy unfocused panes keep one line.
    expect(heightOf(l, 'dlq')).toBeGreaterThanOrEqual(2 + 3);
    for (const pane of ['lag', 'outbox', 'burn']) expect(heightOf(l, pane)).toBeLessThan(heightOf(l, 'dlq'));
    const outage = computeLayout({...input, trouble: regionOutage});
    expect(heightOf(outage, 'health')).toBeGreaterThanOrEqual(4);
    for (const pane of ['lag', 'outbox', 'burn']) expect(heightOf(outage, pane)).toBeGreaterThanOrEqual(3);
  });

  it('the focused pane keeps a few rows even when healthy', () => {
    const l = computeLayout({columns: 80, rows: 24, headerLines: 1, alertsWanted: 2, focus: 'outbox', rowCounts: counts, trouble: regionOutage});
    expect(heightOf(l, 'outbox')).toBeGreaterThanOrEqual(4);
  });

  it('uses one full-width column at 250x70 when every row fits, two columns when they do not', () => {
    const wide = computeLayout({columns: 250, rows: 70, headerLines: 1, alertsWanted: 6, focus: 'health', rowCounts: counts, trouble: regionOutage});
    expect(wide.twoColumns).toBe(false);
    for (const b of wide.panes) expect(b.height).toBeGreaterThanOrEqual(counts[b.pane] + 2);
    const many = {...counts, health: 60, dlq: 40};
    expect(computeLayout({columns: 250, rows: 70, headerLines: 1, alertsWanted: 2, focus: 'health', rowCounts: many}).twoColumns).toBe(true);
  });
});
