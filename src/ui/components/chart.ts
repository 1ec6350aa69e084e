// Detail charts: a series over a stated span on drawille's braille canvas (blessed-contrib's canvas, rendered to
// plain strings), with a y axis in the series' units from zero, the threshold as a dotted line, and a time axis.
import {createRequire} from 'node:module';
import type {Series} from '../../data/readings/types.js';
import {cellWidth} from '../../data/text/width.js';

interface DrawilleContext {
  strokeStyle: string;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  stroke(): void;
  _canvas: {frame(delimiter?: string): string; set(x: number, y: number): void};
}

type CanvasConstructor = new (width: number, height: number) => DrawilleContext;

// drawille and its gl-matrix take about 5 ms to load, and only detail views draw charts: they load with the
// first chart instead of delaying the first frame. (A plain require, so the bundle leaves them in node_modules.)
const loadCommonJs = createRequire(import.meta.url);
let canvasConstructor: CanvasConstructor | undefined;
const Canvas = (): CanvasConstructor => (canvasConstructor ??= loadCommonJs('drawille-canvas-blessed-contrib') as CanvasConstructor);

const SGR = /\u001b\[[0-9;]*m/g;

/** What a chart plots: the series, the time it spans, its units and the line it is judged against. */
export interface ChartSpec {
  readonly series?: Series;
  /** The right edge (the newest instant shown) and the span back from it. */
  readonly end: number;
  readonly spanMs: number;
  /** Formats a value with its unit, for the y axis: `5s`, `14.4x`, `1.2k`. */
  readonly format: (v: number) => string;
  /** The threshold or SLO, drawn as a dotted line and labelled on the axis; the scale always reaches it. */
  readonly threshold?: number;
}

/** Samples further apart than this share of the span are not joined: a gap in the data stays a gap. */
const GAP_SHARE = 0.05;

/** The top of the y axis: the largest value shown, and at least a little above the threshold. */
export function chartTop(spec: ChartSpec): number {
  let top = spec.threshold !== undefined ? spec.threshold * 1.25 : 0;
  for (const s of spec.series ?? []) if (s.t > spec.end - spec.spanMs && s.t <= spec.end && Number.isFinite(s.v) && s.v > top) top = s.v;
  return top > 0 ? top : 1;
}

/** `-60m`, `-30m`, `now`: the time axis labels for a span. */
function timeAxis(spanMs: number, plotWidth: number): string {
  const minutes = Math.round(spanMs / 60_000);
  const line = Array<string>(plotWidth).fill(' ');
  const put = (text: string, at: number) => {
    const start = Math.max(0, Math.min(plotWidth - text.length, at));
    for (let i = 0; i < text.length; i++) line[start + i] = text[i] ?? ' ';
  };
  put(`-${minutes}m`, 0);
  if (plotWidth >= 24) put(`-${Math.round(minutes / 2)}m`, Math.round(plotWidth / 2) - 2);
  put('now', plotWidth - 3);
  return line.join('');
}

/**
 * `rows` plot lines, then the time axis line and its labels: `rows + 2` lines of `width` cells. Each plot line starts
 * with its y label (top, threshold, zero) and the axis; the series is placed by time, zero at the bottom.
 */
export function chartLines(spec: ChartSpec, width: number, rows: number, ascii = false): string[] {
  const top = chartTop(spec);
  const labels = [spec.format(top), spec.format(0), ...(spec.threshold !== undefined ? [spec.format(spec.threshold)] : [])];
  const labelWidth = Math.max(...labels.map((l) => cellWidth(l)));
  const plotWidth = width - labelWidth - 2;
  if (plotWidth < 4 || rows < 2) return Array.from({length: Math.max(0, rows + 2)}, () => ' '.repeat(Math.max(0, width)));
  const start = spec.end - spec.spanMs;
  const points = (spec.series ?? []).filter((s) => s.t > start && s.t <= spec.end && Number.isFinite(s.v));
  const thresholdRow = spec.threshold !== undefined ? rows - 1 - Math.round((spec.threshold / top) * (rows - 1)) : -1;
  const plot = ascii ? asciiPlot(spec, points, top, plotWidth, rows, thresholdRow) : braillePlot(spec, points, top, plotWidth, rows);
  const gap = ascii ? '|' : '│';
  const lines = plot.map((line, i) => {
    // The threshold's label wins a shared row: on a stalled projection the SLO line lies on the zero row.
    const label = i === thresholdRow ? labels[2]! : i === 0 ? labels[0]! : i === rows - 1 ? labels[1]! : '';
    return `${' '.repeat(labelWidth - cellWidth(label))}${label} ${i === thresholdRow ? (ascii ? '+' : '┼') : gap}${line}`;
  });
  lines.push(`${' '.repeat(labelWidth + 1)}${ascii ? '+' : '└'}${(ascii ? '-' : '─').repeat(plotWidth)}`);
  lines.push(`${' '.repeat(labelWidth + 2)}${timeAxis(spec.spanMs, plotWidth)}`);
  return lines;
}

function asciiPlot(spec: ChartSpec, points: Series, top: number, plotWidth: number, rows: number, thresholdRow: number): string[] {
  const grid = Array.from({length: rows}, (_, r) => Array<string>(plotWidth).fill(r === thresholdRow ? '-' : ' '));
  const start = spec.end - spec.spanMs;
  for (const p of points) {
    const x = Math.min(plotWidth - 1, Math.floor(((p.t - start) / spec.spanMs) * plotWidth));
    const y = rows - 1 - Math.round((Math.min(p.v, top) / top) * (rows - 1));
    const row = grid[Math.max(0, y)];
    if (row) row[x] = '*';
  }
  return grid.map((r) => r.join(''));
}

function braillePlot(spec: ChartSpec, points: Series, top: number, plotWidth: number, rows: number): string[] {
  const w = plotWidth * 2;
  const h = rows * 4;
  const ctx = new (Canvas())(w, h);
  const start = spec.end - spec.spanMs;
  const x = (t: number) => ((t - start) / spec.spanMs) * (w - 1);
  const y = (v: number) => h - 1 - (Math.max(0, Math.min(v, top)) / top) * (h - 1);
  if (spec.threshold !== undefined) {
    const ty = Math.round(y(spec.threshold));
    for (let dx = 0; dx < w; dx += 3) ctx._canvas.set(dx, ty);
  }
  ctx.strokeStyle = 'normal';
  ctx.beginPath();
  let previous: number | undefined;
  for (const p of points) {
    if (previous === undefined || p.t - previous > spec.spanMs * GAP_SHARE) ctx.moveTo(x(p.t), y(p.v));
    else ctx.lineTo(x(p.t), y(p.v));
    previous = p.t;
  }
  ctx.stroke();
  // A lone sample (after a gap) still shows as a dot.
  for (const [i, p] of points.entries()) {
    const before = points[i - 1];
    const after = points[i + 1];
    const alone = (!before || p.t - before.t > spec.spanMs * GAP_SHARE) && (!after || after.t - p.t > spec.spanMs * GAP_SHARE);
    if (alone) ctx._canvas.set(Math.round(x(p.t)), Math.round(y(p.v)));
  }
  return ctx._canvas
    .frame('\n')
    .replace(SGR, '')
    .split('\n')
    .slice(0, rows)
    .map((l) => l.padEnd(plotWidth).slice(0, plotWidth));
}
