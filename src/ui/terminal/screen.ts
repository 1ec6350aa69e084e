// The screen: owns the real terminal, paints only changed cells, and restores everything on the way out.
import {asciiRows} from './ascii.js';
import type {Row} from './cells.js';
import {blankRow, parseFrame} from './cells.js';
import {takeBuiltFrame} from './fast-output.js';
import {BEGIN_SYNC, diffFrames, END_SYNC, fullRepaint} from './diff.js';
import {trace} from '../../data/trace.js';

const CSI = '\u001b[';
export const ENTER_ALT = `${CSI}?1049h`;
export const LEAVE_ALT = `${CSI}?1049l`;
const HIDE_CURSOR = `${CSI}?25l`;
const SHOW_CURSOR = `${CSI}?25h`;

export interface TerminalOut {
  write(data: string): unknown;
}

/** Byte and frame counts, for the benchmark and the tests. */
export interface ScreenStats {
  frames: number;
  writes: number;
  bytes: number;
  lastWriteBytes: number;
  /** Bytes a full repaint of the last frame would have cost (see `measureFullRepaint`). */
  lastFullBytes: number;
}

/** Text the screen paints over the frame itself, between frames (the header clock). One cell per character. */
export interface Overlay {
  readonly row: number;
  readonly col: number;
  readonly text: string;
}

export interface ScreenOptions {
  readonly sync?: boolean;
  /** Paint at most once per this many ms (frames in between are coalesced). */
  readonly minIntervalMs?: number;
  /** `--ascii`: nothing but ASCII reaches the terminal. */
  readonly ascii?: boolean;
}

/** Cell-diffing painter for full-screen frames. */
export class Screen {
  readonly stats: ScreenStats = {frames: 0, writes: 0, bytes: 0, lastWriteBytes: 0, lastFullBytes: 0};
  /** What is on screen. */
  private previous: Row[] | undefined;
  /** The last frame as Ink drew it, before the overlay. */
  private base: Row[] | undefined;
  private overlay: Overlay | undefined;
  private pending: string | undefined;
  private scheduled = false;
  private lastPaint = 0;
  private active = false;
  /** While the terminal is being resized, nothing is painted: the size we know may be wrong. */
  private held = false;

  constructor(
    private readonly out: TerminalOut,
    private columns: number,
    private rows: number,
    private readonly options: ScreenOptions = {},
  ) {}

  get size(): {columns: number; rows: number} {
    return {columns: this.columns, rows: this.rows};
  }

  /** Switches to the alternate screen and hides the cursor. */
  enter(): void {
    this.active = true;
    this.out.write(`${ENTER_ALT}${HIDE_CURSOR}${CSI}H${CSI}2J`);
  }

  /** Restores the main screen and the cursor (and bracketed paste off). Safe to call more than once. */
  leave(): void {
    if (!this.active) return;
    this.active = false;
    this.out.write(`${CSI}0m${SHOW_CURSOR}${CSI}?2004l${LEAVE_ALT}`);
  }

  /**
   * Writes a control string that is not a frame (OSC 52, a mode switch) in a write of its own: a frame is always
   * one write, so the two never interleave. False when the screen is not ours (nothing is written).
   */
  control(data: string): boolean {
    if (!this.active) return false;
    this.out.write(data);
    return true;
  }

  /**
   * Accepts a frame from Ink; painting is coalesced. The very first frame is painted at once: Ink hands it over in
   * the middle of React's commit, and the effects that follow (pollers, key handlers) need not delay it.
   */
  frame(text: string): void {
    this.stats.frames++;
    this.pending = text;
    if (this.stats.writes === 0 && !this.scheduled) {
      this.flush();
      return;
    }
    if (this.scheduled) return;
    this.scheduled = true;
    const wait = Math.max(0, (this.options.minIntervalMs ?? 0) - (Date.now() - this.lastPaint));
    const run = () => {
      this.scheduled = false;
      this.flush();
    };
    if (wait > 0) setTimeout(run, wait);
    else setImmediate(run);
  }

  /** Paints the pending frame now. */
  flush(): void {
    if (this.held) return;
    const text = this.pending;
    this.pending = undefined;
    if (text === undefined || !this.active) return;
    this.base = this.options.ascii ? asciiRows(this.cells(text)) : this.cells(text);
    this.paint(withOverlay(this.base, this.overlay));
  }

  /**
   * Sets the overlay and paints the change at once, without a new frame: a ticking clock costs a few cells,
   * not a layout. With a frame pending, the overlay goes out with that frame instead.
   */
  setOverlay(overlay: Overlay | undefined): void {
    this.overlay = overlay;
    if (this.pending === undefined) this.repaintNow();
  }

  private paint(next: Row[]): void {
    const body = this.previous ? diffFrames(this.previous, next) : fullRepaint(next);
    this.previous = next;
    this.lastPaint = Date.now();
    if (!body) {
      this.stats.lastWriteBytes = 0;
      return;
    }
    const data = this.options.sync === false ? body : BEGIN_SYNC + body + END_SYNC;
    if (this.stats.writes === 0) trace('first paint');
    this.stats.writes++;
    this.stats.bytes += Buffer.byteLength(data);
    this.stats.lastWriteBytes = Buffer.byteLength(data);
    this.out.write(data);
  }

  /** The frame as cells: handed over by the bundle's Output when it built this very text, parsed otherwise. */
  cells(text: string): Row[] {
    const built = takeBuiltFrame(text);
    if (!built) return parseFrame(text, this.columns, this.rows);
    const rows: Row[] = [];
    for (let r = 0; r < this.rows; r++) {
      const chars = built.chars[r];
      const styles = built.styles[r];
      if (!chars || !styles) {
        rows.push(blankRow(this.columns));
        continue;
      }
      const row = {chars: chars.slice(0, this.columns), styles: styles.slice(0, this.columns)};
      while (row.chars.length < this.columns) {
        row.chars.push(' ');
        row.styles.push('');
      }
      // A wide character cut by the right edge leaves no half behind.
      if (row.chars[this.columns - 1] !== '' && (chars[this.columns] ?? ' ') === '') {
        row.chars[this.columns - 1] = ' ';
        row.styles[this.columns - 1] = '';
      }
      rows.push(row);
    }
    return rows;
  }

  /** Records in `stats.lastFullBytes` what a full repaint of the frame on screen would cost (for the benchmark). */
  measureFullRepaint(): number {
    this.stats.lastFullBytes = this.previous ? Buffer.byteLength(fullRepaint(this.previous)) : 0;
    return this.stats.lastFullBytes;
  }

  /** The terminal is being resized: hold painting until `resize` settles it. */
  hold(): void {
    this.held = true;
  }

  /** New (settled) terminal size: painting resumes and the next frame is painted in full. */
  resize(columns: number, rows: number): void {
    // Same size: the last frame still fits and is painted again (Ink sends no new frame for an unchanged size).
    if (columns !== this.columns || rows !== this.rows) this.base = undefined;
    this.columns = columns;
    this.rows = rows;
    this.previous = undefined;
    this.held = false;
    if (this.pending !== undefined) this.frame(this.pending);
    else this.repaintNow();
  }

  /** Repaints everything now (a redraw request): frames come only when something changed. */
  invalidate(): void {
    this.previous = undefined;
    if (this.pending === undefined) this.repaintNow();
  }

  private repaintNow(): void {
    if (!this.held && this.active && this.base) this.paint(withOverlay(this.base, this.overlay));
  }
}

/** The frame with the overlay's characters in place of the cells under it (their style kept); rows shared. */
export function withOverlay(frame: Row[], overlay: Overlay | undefined): Row[] {
  const row = overlay ? frame[overlay.row] : undefined;
  if (!overlay || !row || overlay.col < 0) return frame;
  // The overlay never cuts a wide character or runs off the edge: then the frame stays as Ink drew it.
  const end = overlay.col + overlay.text.length;
  if (end > row.chars.length || row.chars.slice(overlay.col, end + 1).includes('')) return frame;
  const chars = row.chars.slice();
  for (let i = 0; i < overlay.text.length; i++) chars[overlay.col + i] = overlay.text[i] ?? ' ';
  const out = frame.slice();
  out[overlay.row] = {chars, styles: row.styles};
  return out;
}
