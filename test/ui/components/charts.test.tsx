// Detail charts state what they show (issue 12): a y axis with units from zero, the threshold or SLO line, and a
// time axis over the span in the title, with each sample placed at its time.
import {afterEach, describe, expect, it} from 'vitest';
import type {Series} from '../../../src/data/readings/types.js';
import {chartLines} from '../../../src/ui/components/chart.js';
import {seconds} from '../../../src/ui/format.js';
import {KEYS, renderCockpit, type AppHarness} from '../../helpers/render-app.js';

const END = 1_800_000_000_000;
const MIN = 60_000;
const HOUR = 60 * MIN;

function series(minutes: number, f: (ago: number) => number): Series {
  const out: {t: number; v: number}[] = [];
  for (let t = END - minutes * MIN + 15_000; t <= END; t += 15_000) out.push({t, v: f((END - t) / MIN)});
  return out;
}

/** The columns of the plot area that hold any dot or mark (labels and axis cut off). */
function inkedColumns(lines: string[], plotStart: number): Set<number> {
  const used = new Set<number>();
  for (const line of lines) [...line.slice(plotStart)].forEach((c, i) => c !== ' ' && c !== '\u2800' && used.add(i));
  return used;
}

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

describe('detail charts', () => {
  it('have a y axis in the units from zero, the threshold dotted and labelled, and the time axis of the span', () => {
    const lines = chartLines({series: series(60, (ago) => 1.6 + 0.3 * Math.sin(ago)), end: END, spanMs: HOUR, format: seconds, threshold: 5}, 70, 10);
    expect(lines).toHaveLength(12);
    expect(lines[0]).toMatch(/^ *6\.3s │/);
    expect(lines[9]).toMatch(/^ *0\.0s │/);
    const thresholdRow = lines.findIndex((l) => /^ *5\.0s ┼/.test(l));
    expect(thresholdRow).toBeGreaterThan(0);
    expect(lines[thresholdRow]).toMatch(/┼[⠁⠂⠄⡀⠈⠐⠠⢀⠉⠒⠤⣀\u2800 ]+$/);
    expect(lines[10]).toMatch(/└─+$/);
    expect(lines[11]).toMatch(/-60m .*-30m .*now$/);
    // 1.6-1.9 s against a 5 s SLO: the line runs below the threshold, never above it.
    for (let r = 0; r < thresholdRow; r++) expect(lines[r]!.replace(/^ *(6\.3s)? *│/, '').trim()).toBe('');
  });

  it('place samples by time: 15 minutes of data fill only the newest quarter of a 60-minute chart', () => {
    const lines = chartLines({series: series(15, (ago) => 100 + 50 * Math.sin(ago)), end: END, spanMs: HOUR, format: String}, 86, 6);
    const plotStart = lines[0]!.indexOf('│') + 1;
    const used = [...inkedColumns(lines.slice(0, 6), plotStart)];
    const plotWidth = 86 - plotStart;
    expect(Math.min(...used)).toBeGreaterThanOrEqual(Math.floor(plotWidth * 0.74));
    expect(Math.max(...used)).toBeGreaterThanOrEqual(plotWidth - 2);
  });

  it('ASCII charts keep the same axes and threshold', () => {
    const lines = chartLines({series: series(60, () => 2), end: END, spanMs: HOUR, format: seconds, threshold: 5}, 60, 8, true);
    expect(lines.some((l) => /^ *5\.0s \+-*\**-*$/.test(l))).toBe(true);
    expect(lines[8]).toMatch(/\+-+$/);
    expect(lines[9]).toMatch(/-60m .*now$/);
  });

  it('the lag detail shows its span, its y axis in seconds and the SLO; the burn detail the page threshold', async () => {
    app = await renderCockpit({flags: {demo: 'bad-deploy'}, columns: 120, rows: 40});
    await app.waitFor('Projection lag');
    await app.press('2', KEYS.enter);
    let frame = await app.waitFor('P95 lag, last 60m');
    expect(frame).toContain('SLO P95 <5s (dotted)');
    expect(frame).toMatch(/ 5\.0s ┼/);
    expect(frame).toMatch(/-60m .*-30m .*now/);
    await app.press(KEYS.escape);
    await app.waitFor('Error-budget burn');
    await app.press('5', KEYS.enter);
    frame = await app.waitFor('5m burn rate, last 60m');
    expect(frame).toContain('page >14.4x (5m/1h) (dotted)');
    expect(frame).toMatch(/ 14\.4x ┼/);
  });
});
