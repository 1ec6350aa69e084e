// The header's UTC clock, painted by the screen itself once a second. The clock is the only thing on an idle
// cockpit that changes every second; painting its nine cells directly spares a React render, a layout and a
// frame rebuild per second. The header reserves the cells and says where they are (`place`).
import type {Clock, TimerHandle} from '../../data/clock.js';
import {utcClock} from '../format.js';
import type {Overlay} from './screen.js';

/** What the header needs from the live clock. */
export interface ClockSpot {
  /** The header's clock cells start at this column of the first row; `undefined`: no clock shown. */
  place(col: number | undefined): void;
}

export class LiveClock implements ClockSpot {
  private col: number | undefined;
  private timer: TimerHandle | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly paint: (overlay: Overlay | undefined) => void,
  ) {}

  place(col: number | undefined): void {
    this.col = col;
    this.update();
  }

  /** Ticks on whole seconds, like the pollers and the store. */
  start(): void {
    this.stop();
    this.timer = this.clock.setTimeout(
      () => {
        this.update();
        this.start();
      },
      1000 - (this.clock.now() % 1000) || 1000,
    );
  }

  stop(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private update(): void {
    this.paint(this.col === undefined ? undefined : {row: 0, col: this.col, text: utcClock(this.clock.now())});
  }
}

/** The cells the header reserves for the live clock: as wide as the clock, blank until painted. */
export const CLOCK_PLACEHOLDER = ' '.repeat(utcClock(0).length);
