// Injectable time: the real clock in the app, a manual one in tests (so tests never sleep).

export type TimerHandle = {readonly id: number};

/** The only way the data layer reads time or schedules work. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

let nextId = 1;

/** Wall-clock time and Node timers. */
export function systemClock(): Clock {
  const timers = new Map<number, NodeJS.Timeout>();
  return {
    now: () => Date.now(),
    setTimeout(fn, ms) {
      const id = nextId++;
      const t = setTimeout(() => {
        timers.delete(id);
        fn();
      }, ms);
      t.unref?.();
      timers.set(id, t);
      return {id};
    },
    clearTimeout(handle) {
      const t = timers.get(handle.id);
      if (t) clearTimeout(t);
      timers.delete(handle.id);
    },
  };
}

/** A clock that only moves when told to; timers fire in order during `advance`. */
export class ManualClock implements Clock {
  private current: number;
  private readonly timers = new Map<number, {at: number; fn: () => void}>();

  constructor(start = Date.UTC(2026, 10, 28, 3, 0, 0)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = nextId++;
    this.timers.set(id, {at: this.current + Math.max(0, ms), fn});
    return {id};
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle.id);
  }

  /** Moves time forward, firing due timers one by one (including ones they schedule). */
  advance(ms: number): void {
    const end = this.current + ms;
    for (;;) {
      let due: [number, {at: number; fn: () => void}] | undefined;
      for (const entry of this.timers) {
        if (entry[1].at <= end && (!due || entry[1].at < due[1].at)) due = entry;
      }
      if (!due) break;
      this.timers.delete(due[0]);
      this.current = Math.max(this.current, due[1].at);
      due[1].fn();
    }
    this.current = end;
  }

  pendingTimers(): number {
    return this.timers.size;
  }
}
