// Inline trends are honest over time and scale (issue 12): a column labelled "60m" shows 60 minutes at any width,
// and every row of a column is drawn on one scale that reaches at least the column's threshold.
import {describe, expect, it} from 'vitest';
import {DEFAULT_THRESHOLDS} from '../../src/data/alerts/catalog.js';
import type {PaneId, ReadingByPane, Series} from '../../src/data/readings/types.js';
import {fitEnd} from '../../src/data/text/width.js';
import {PANES, type RowContext} from '../../src/panes/registry.js';
import {fitColumns} from '../../src/ui/components/table-model.js';

const NOW = 1_800_000_000_000;
const MIN = 60_000;

/** Samples every 15 s over the last `minutes`, valued by `f(minutesAgo)`. */
function series(minutes: number, f: (ago: number) => number): Series {
  const out: {t: number; v: number}[] = [];
  for (let t = NOW - minutes * MIN + 15_000; t <= NOW; t += 15_000) out.push({t, v: f((NOW - t) / MIN)});
  return out;
}

const ctx: RowContext = {thresholds: DEFAULT_THRESHOLDS, alerts: [], now: NOW, symbol: () => '*', ascii: false};

/** The trend column as the table shows it at `width`: its header and each row's visible cell. */
function shown<P extends PaneId>(pane: P, reading: ReadingByPane[P], width: number): {header: string; cells: Map<string, string>; width: number} {
  const spec = PANES[pane] as unknown as {
    columns: typeof PANES.health.columns;
    rows: (r: ReadingByPane[P], c: RowContext) => ReturnType<typeof PANES.health.rows>;
  };
  const column = fitColumns(spec.columns, width - 2).find((c) => c.column.id === 'trend');
  if (!column) throw new Error(`${pane}: no trend column at width ${width}`);
  const cells = new Map(spec.rows(reading, ctx).map((r) => [r.key, r.cells.trend?.text ?? '']));
  for (const [key, text] of cells) {
    // What the table does with a trend cell (keepEnd): a longer text loses its oldest part.
    expect(text.length, `${pane} ${key}: the trend is cut to fit`).toBeLessThanOrEqual(column.width);
    cells.set(key, fitEnd(text, column.width));
  }
  return {header: column.column.header, cells, width: column.width};
}

const health = (rows: [string, Series][]): ReadingByPane['health'] => ({
  services: rows.map(([service, errorSeries]) => ({service, region: 'us-east', status: 'Healthy', errorRatio: errorSeries.at(-1)?.v, errorSeries})),
});
const lag = (rows: [string, Series][]): ReadingByPane['lag'] => ({
  projections: rows.map(([projection, s]) => ({projection, region: 'us-east', lagSeconds: s.at(-1)?.v ?? 0, p95Seconds: s.at(-1)?.v, series: s})),
});
const dlq = (rows: [string, Series][]): ReadingByPane['dlq'] => ({
  entities: rows.map(([entity, s]) => ({entity, kind: 'queue', deadLetter: s.at(-1)?.v ?? 0, active: 0, series: s})),
});
const outbox = (rows: [string, Series][]): ReadingByPane['outbox'] => ({
  outboxes: rows.map(([service, s]) => ({service, region: 'us-east', pending: s.at(-1)?.v ?? 0, oldestAgeSeconds: 1, series: s})),
});

const wobble = (lo: number, hi: number) => (ago: number) => lo + ((Math.sin(ago * 7) + 1) / 2) * (hi - lo);

describe('inline trends share one scale per column', () => {
  it('0.01-0.03 % error noise stays at the bottom while a 30 % error storm fills the cell', () => {
    const {cells} = shown(
      'health',
      health([
        ['noise', series(60, wobble(0.0001, 0.0003))],
        ['storm', series(60, (ago) => (ago < 20 ? 0.3 : 0.0002))],
      ]),
      240,
    );
    expect(cells.get('noise@us-east')).toMatch(/^▁+$/);
    expect(cells.get('storm@us-east')).toContain('█');
    expect(cells.get('storm@us-east')!.startsWith('▁')).toBe(true);
  });

  it('calm rows are drawn against the threshold even when no row is in trouble', () => {
    expect(shown('health', health([['calm', series(60, wobble(0.0001, 0.0003))]]), 240).cells.get('calm@us-east')).toMatch(/^▁+$/);
    expect(shown('lag', lag([['timeline', series(60, wobble(1.6, 2.2))]]), 240).cells.get('timeline@us-east')).not.toMatch(/[▅▆▇█]/);
    expect(shown('dlq', dlq([['q', series(60, wobble(4, 9))]]), 240).cells.get('q')).toMatch(/^▁+$/);
    expect(shown('outbox', outbox([['ingestion', series(60, wobble(28, 69))]]), 240).cells.get('ingestion@us-east')).toMatch(/^▁+$/);
  });

  it('a storm row and a calm row of the same pane: only the storm reaches the top', () => {
    const l = shown(
      'lag',
      lag([
        ['calm', series(60, wobble(1.6, 2.2))],
        ['stall', series(60, (ago) => Math.max(2, (40 - ago) * 60))],
      ]),
      240,
    ).cells;
    expect(l.get('calm@us-east')).toMatch(/^▁+$/);
    expect(l.get('stall@us-east')).toContain('█');
    const d = shown(
      'dlq',
      dlq([
        ['calm', series(60, () => 4)],
        ['storm', series(60, (ago) => 9 + (45 - Math.min(45, ago)) * 9)],
      ]),
      240,
    ).cells;
    expect(d.get('calm')).toMatch(/^▁+$/);
    expect(d.get('storm')).toContain('█');
  });
});

describe('a trend labelled 60m covers 60 minutes', () => {
  const spike = (ago: number) => (ago > 54 && ago < 56 ? 0.3 : 0.0002);
  for (const width of [120, 140, 200, 320]) {
    it(`at ${width} columns, a spike 55 minutes ago is on the line, whole and uncut`, () => {
      const {header, cells} = shown('health', health([['a', series(60, spike)]]), width);
      expect(header).toMatch(/ 60m$/);
      const cell = cells.get('a@us-east')!;
      expect(cell).toContain('█');
      expect(cell.indexOf('█')).toBeLessThan(cell.length / 4);
    });
  }

  it('every pane: the trend cell fills its column exactly, at every width where it shows', () => {
    const readings: {[P in PaneId]?: ReadingByPane[P]} = {
      health: health([['a', series(60, spike)]]),
      lag: lag([['a', series(60, spike)]]),
      dlq: dlq([['a', series(60, spike)]]),
      outbox: outbox([['a', series(60, spike)]]),
    };
    for (const pane of ['health', 'lag', 'dlq', 'outbox'] as const) {
      for (let width = 80; width <= 320; width += 7) {
        const column = fitColumns(PANES[pane].columns, width - 2).find((c) => c.column.id === 'trend');
        if (!column) continue;
        expect(column.column.header, pane).toMatch(/ 60m$/);
        const text = (PANES[pane].rows as (r: unknown, c: RowContext) => ReturnType<typeof PANES.health.rows>)(readings[pane], ctx)[0]!.cells.trend!.text;
        expect([...text].length, `${pane} at ${width}`).toBe(column.width);
      }
    }
  });

  it('a source that keeps only 15 minutes shows 15 minutes under the 60m label: the older cells stay blank', () => {
    const {cells, width} = shown('health', health([['a', series(15, () => 0.0002)]]), 240);
    const cell = cells.get('a@us-east')!;
    expect(cell.trimStart().length).toBe(Math.round(width / 4));
    expect(cell.slice(0, width - Math.round(width / 4)).trim()).toBe('');
  });
});

describe('the chart under a wide pane is drawn against the line its rows are judged by', () => {
  const trendOf = <P extends PaneId>(pane: P, reading: ReadingByPane[P]) => {
    const spec = PANES[pane] as unknown as {rows: (r: ReadingByPane[P], c: RowContext) => ReturnType<typeof PANES.health.rows>};
    return spec.rows(reading, ctx)[0]?.trend;
  };

  it('health: the error ratio against HighErrorRate; a service that is down has no line to show', () => {
    expect(trendOf('health', health([['a', series(30, () => 0.12)]]))?.threshold).toEqual({value: 0.05, label: 'HighErrorRate >5.0%'});
    const down: ReadingByPane['health'] = {services: [{service: 'a', region: 'us-east', podsReady: 0, podsDesired: 2, readySeries: series(30, () => 0)}]};
    expect(trendOf('health', down)?.threshold).toBeUndefined();
  });

  it('lag: the P95 against the SLO, as in the lag detail', () => {
    expect(trendOf('lag', lag([['timeline', series(30, () => 40)]]))?.threshold).toEqual({value: 5, label: 'SLO P95 <5s'});
  });

  it('DLQ: the dead letters against DLQBacklog', () => {
    expect(trendOf('dlq', dlq([['q', series(30, () => 400)]]))?.threshold).toEqual({value: 100, label: 'DLQBacklog >100'});
  });

  it('burn: the 5m burn against the pair it belongs to (the fast page), as in the burn detail', () => {
    const reading: ReadingByPane['burn'] = {
      slos: [{slo: 'availability', description: 'Availability 99.9%', objective: 0.999, periodDays: 30, errorRatio: {}, burnSeries: series(30, () => 57)}],
    };
    expect(trendOf('burn', reading)?.threshold).toEqual({value: 14.4, label: 'page >14.4x (5m/1h)'});
  });
});
