import {describe, expect, it} from 'vitest';
import {computeLayout} from '../../src/ui/layout.js';

const counts = {health: 16, lag: 6, dlq: 12, outbox: 8, burn: 4};

describe('layout', () => {
  it('fills the terminal exactly from 80x24 to 250x70, every pane at least a title, header and one row', () => {
    for (const [columns, rows] of [[80, 24], [100, 30], [120, 40], [159, 50], [160, 50], [200, 60], [250, 70], [300, 90]] as const) {
      for (const alerts of [0, 1, 3, 12]) {
        const l = computeLayout({columns, rows, headerLines: 1, alertsWanted: alerts, focus: 'dlq', rowCounts: counts});
        expect(l.top + l.areaHeight + l.footerLines).toBe(rows);
        const byColumn = new Map<number, number>();
        for (const b of l.panes) {
          expect(b.height).toBeGreaterThanOrEqual(3);
          expect(b.x + b.width).toBeLessThanOrEqual(columns);
          byColumn.set(b.x, (byColumn.get(b.x) ?? 0) + b.height);
        }
        for (const total of byColumn.values()) expect(total).toBe(l.areaHeight);
        expect(l.panes).toHaveLength(5);
      }
    }
  });

  it('gives the focused pane room first, and goes two-column on wide screens', () => {
    const narrow = computeLayout({columns: 80, rows: 24, headerLines: 1, alertsWanted: 2, focus: 'health', rowCounts: counts});
    const health = narrow.panes.find((p) => p.pane === 'health')!;
    expect(health.height).toBeGreaterThan(narrow.panes.find((p) => p.pane === 'lag')!.height);
    expect(computeLayout({columns: 250, rows: 70, headerLines: 1, alertsWanted: 2, focus: 'health', rowCounts: counts}).twoColumns).toBe(true);
  });
});
