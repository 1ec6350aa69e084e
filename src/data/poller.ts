// A poller runs one source read on an interval: timeout, backoff, no overlap, last good value kept.
// Modelled on k9s internal/model/table.go (refresh loop with its own cadence and error state).
import type {Clock, TimerHandle} from './clock.js';
import {describeError} from './errors.js';

/** What a poller knows right now. Replaced (never mutated) on every change. */
export interface PollSnapshot<T> {
  readonly value?: T;
  readonly lastSuccessAt?: number;
  readonly error?: string;
  readonly errorAt?: number;
  /** Consecutive failures since the last success. */
  readonly failures: number;
  readonly inFlight: boolean;
  readonly polls: number;
}

export interface PollerOptions<T> {
  readonly name: string;
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly clock: Clock;
  readonly read: (signal: AbortSignal) => Promise<T>;
  /** First retry delay after a failure; doubles per failure up to `maxBackoffMs`. */
  readonly minBackoffMs?: number;
  /** Longest wait between attempts while failing. Defaults to the interval, so recovery is seen within one interval. */
  readonly maxBackoffMs?: number;
}

type Listener = () => void;

/** Polls `read` on its own cadence; never two reads at once. */
export class Poller<T> {
  private state: PollSnapshot<T> = {failures: 0, inFlight: false, polls: 0};
  private readonly listeners = new Set<Listener>();
  private timer: TimerHandle | undefined;
  private running = false;
  private generation = 0;
  private inFlightAbort: AbortController | undefined;
  /** The source's last read until it settles, even after the poller gave up on it (timeout, stop). */
  private unsettled: Promise<void> | undefined;

  constructor(private readonly options: PollerOptions<T>) {}

  get name(): string {
    return this.options.name;
  }

  get intervalMs(): number {
    return this.options.intervalMs;
  }

  snapshot(): PollSnapshot<T> {
    return this.state;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts polling now; stops when `signal` aborts or `stop()` is called. */
  start(signal?: AbortSignal): void {
    if (this.running) return;
    this.running = true;
    signal?.addEventListener('abort', () => this.stop(), {once: true});
    // A read that just succeeded (priming) needs no second one at once: wait for the next tick.
    const fresh = this.state.lastSuccessAt !== undefined && this.options.clock.now() - this.state.lastSuccessAt < this.options.intervalMs;
    if (fresh && !this.state.inFlight) this.schedule();
    else this.tick();
  }

  stop(): void {
    this.running = false;
    this.generation++;
    if (this.timer) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.inFlightAbort?.abort(new Error('poller stopped'));
    this.inFlightAbort = undefined;
    if (this.state.inFlight) this.set({...this.state, inFlight: false});
  }

  /** Polls as soon as possible (skipped if a read is already in flight). */
  refresh(): void {
    if (!this.running || this.state.inFlight) return;
    if (this.timer) this.options.clock.clearTimeout(this.timer);
    this.tick();
  }

  /** One read now, outside the schedule; resolves with the resulting snapshot. */
  async pollOnce(): Promise<PollSnapshot<T>> {
    await this.run(++this.generation);
    // start() during this read skipped its first tick (a read was in flight): begin the schedule now.
    if (this.running && !this.timer && !this.state.inFlight) this.schedule();
    return this.state;
  }

  private tick(): void {
    this.timer = undefined;
    if (!this.running || this.state.inFlight) return;
    const generation = this.generation;
    // Issue 16: a read given up on (timed out, or stopped) may still run at a source that ignores its signal. The next
    // one waits for it to end, so a slow backend never has two reads from one poller at once.
    if (this.unsettled) {
      void this.unsettled.then(() => {
        if (this.running && generation === this.generation && !this.timer) this.tick();
      });
      return;
    }
    void this.run(generation).then(() => {
      if (this.running && generation === this.generation) this.schedule();
    });
  }

  private schedule(): void {
    const {intervalMs, minBackoffMs = 500, maxBackoffMs = intervalMs} = this.options;
    const failures = this.state.failures;
    // Healthy polls land on multiples of the interval, so panes with the same cadence refresh together (one repaint).
    const aligned = intervalMs - (this.options.clock.now() % intervalMs);
    const delay = failures === 0 ? (aligned < intervalMs / 4 ? aligned + intervalMs : aligned) : Math.min(maxBackoffMs, minBackoffMs * 2 ** (failures - 1));
    this.timer = this.options.clock.setTimeout(() => this.tick(), delay);
  }

  private async run(generation: number): Promise<void> {
    const {clock, timeoutMs} = this.options;
    const abort = new AbortController();
    this.inFlightAbort = abort;
    this.set({...this.state, inFlight: true});
    let timeout: TimerHandle | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timeout = clock.setTimeout(() => {
        const error = new Error(`timed out after ${formatSeconds(timeoutMs)}`);
        abort.abort(error);
        reject(error);
      }, timeoutMs);
    });
    try {
      const reading = this.options.read(abort.signal);
      const settled = reading.then(noop, noop);
      this.unsettled = settled;
      void settled.then(() => {
        if (this.unsettled === settled) this.unsettled = undefined;
      });
      const value = await Promise.race([reading, timedOut]);
      if (generation !== this.generation && this.running) return;
      this.set({value, lastSuccessAt: clock.now(), failures: 0, inFlight: false, polls: this.state.polls + 1});
    } catch (error) {
      if (generation !== this.generation && this.running) return;
      this.set({
        ...this.state,
        error: describeError(error),
        errorAt: clock.now(),
        failures: this.state.failures + 1,
        inFlight: false,
        polls: this.state.polls + 1,
      });
    } finally {
      if (timeout) clock.clearTimeout(timeout);
      if (this.inFlightAbort === abort) this.inFlightAbort = undefined;
    }
  }

  private set(next: PollSnapshot<T>): void {
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}

function noop(): void {}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}
