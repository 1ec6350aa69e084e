// The stdout Ink renders into: it reports the terminal size and hands each full frame to the screen.
import {EventEmitter} from 'node:events';
import {isModeSwitch} from './osc52.js';

/** A TTY-like stream for Ink (debug mode writes one whole frame per write). */
export class FrameStream extends EventEmitter {
  readonly isTTY = true;
  columns: number;
  rows: number;

  constructor(
    size: {columns: number; rows: number},
    private readonly onFrame: (frame: string) => void,
    /** Where a mode switch Ink writes between frames goes (bracketed paste on/off): straight to the terminal. */
    private readonly onControl: (data: string) => void = () => undefined,
  ) {
    super();
    this.columns = size.columns;
    this.rows = size.rows;
  }

  write(data: string | Uint8Array, encodingOrCallback?: unknown, callback?: () => void): boolean {
    const text = typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
    // Ink's debug renderer writes frames; a lone newline is its teardown and carries no frame.
    if (isModeSwitch(text)) this.onControl(text);
    else if (text !== '\n' && text !== '') this.onFrame(text);
    const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
    if (typeof done === 'function') (done as () => void)();
    return true;
  }

  /** Tells Ink about a new size (one event per settled resize). */
  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }

  getWindowSize(): [number, number] {
    return [this.columns, this.rows];
  }

  hasColors(): boolean {
    return true;
  }

  // Writable-stream surface Ink may probe.
  cork(): void {}
  uncork(): void {}
  end(): void {}
  get writable(): boolean {
    return true;
  }
}
