// Multi-line trend charts drawn on drawille's braille canvas (blessed-contrib's canvas, rendered to plain strings).
import {createRequire} from 'node:module';
import type {Series} from '../../data/readings/types.js';

interface DrawilleContext {
  strokeStyle: string;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  stroke(): void;
  _canvas: {frame(delimiter?: string): string};
}

type CanvasConstructor = new (width: number, height: number) => DrawilleContext;

// drawille and its gl-matrix take about 5 ms to load, and only detail views draw charts: they load with the
// first chart instead of delaying the first frame. (A plain require, so the bundle leaves them in node_modules.)
const loadCommonJs = createRequire(import.meta.url);
let canvasConstructor: CanvasConstructor | undefined;
const Canvas = (): CanvasConstructor => (canvasConstructor ??= loadCommonJs('drawille-canvas-blessed-contrib') as CanvasConstructor);

const SGR = /\u001b\[[0-9;]*m/g;

/** `rows` lines of `width` cells plotting the series (braille: 2×4 dots per cell; ASCII: `*`). */
export function chartLines(series: Series | undefined, width: number, rows: number, ascii = false): string[] {
  const values = (series ?? []).map((s) => s.v).filter((v) => Number.isFinite(v));
  if (width < 4 || rows < 1 || values.length < 2) return Array.from({length: Math.max(0, rows)}, () => ' '.repeat(Math.max(0, width)));
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || Math.abs(max) || 1;
  if (ascii) {
    const grid = Array.from({length: rows}, () => Array<string>(width).fill(' '));
    values.slice(-width).forEach((v, i, arr) => {
      const x = width - arr.length + i;
      const y = rows - 1 - Math.round(((v - min) / span) * (rows - 1));
      const row = grid[y];
      if (row) row[x] = '*';
    });
    return grid.map((r) => r.join(''));
  }
  const w = width * 2;
  const h = rows * 4;
  const ctx = new (Canvas())(w, h);
  ctx.strokeStyle = 'normal';
  ctx.beginPath();
  const step = values.length > 1 ? (w - 1) / (values.length - 1) : 0;
  values.forEach((v, i) => {
    const x = i * step;
    const y = h - 1 - ((v - min) / span) * (h - 1);
    if (i === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  });
  ctx.stroke();
  return ctx._canvas
    .frame('\n')
    .replace(SGR, '')
    .split('\n')
    .slice(0, rows)
    .map((l) => l.padEnd(width).slice(0, width));
}
