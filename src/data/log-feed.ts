// A log feed: one tail at a time of one service's pod, handed to the view as immutable snapshots at most once per
// frame interval. A pod logging 1,000 lines a second must not cost 1,000 renders a second (issue 16): the tail may
// announce every chunk, the feed announces the lot on the next frame. The timer is the injected clock's, so tests and
// the bench can drive it.
import type {Clock, TimerHandle} from './clock.js';
import type {LogEnd, Loggable, LogRequest, LogTail, ServiceRef} from './sources/types.js';

/** At most one snapshot per this many ms while lines arrive (about ten frames a second). */
export const LOG_FRAME_MS = 100;

/** What the log view shows. Replaced, never mutated. */
export interface LogSnapshot {
  readonly request?: LogRequest;
  /** The kept lines, sanitised, oldest first (the tail's ring buffer). */
  readonly lines: readonly string[];
  readonly dropped: number;
  readonly received: number;
  /** Set once the stream has ended (eof for a non-follow read, an error, a timeout). */
  readonly end?: LogEnd;
  /** The kubectl line for the same request. */
  readonly command: string;
}

const EMPTY: LogSnapshot = {lines: [], dropped: 0, received: 0, command: ''};

export class LogFeed {
  private state: LogSnapshot = EMPTY;
  private tail: LogTail | undefined;
  private abort: AbortController | undefined;
  private offTail: (() => void) | undefined;
  private timer: TimerHandle | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly logs: Loggable,
    private readonly ref: ServiceRef,
    private readonly clock: Clock,
    private readonly frameMs = LOG_FRAME_MS,
  ) {}

  snapshot = (): LogSnapshot => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Stops the current tail (if any) and starts `request`; the first snapshot comes at once. */
  open(request: LogRequest): void {
    this.close();
    const abort = new AbortController();
    const tail = this.logs.tail(this.ref, request, abort.signal);
    this.abort = abort;
    this.tail = tail;
    const command = this.logs.command(this.ref, request);
    this.offTail = tail.onChange(() => this.schedule());
    void tail.done.then((end) => {
      if (this.tail !== tail) return;
      this.state = {...this.state, end};
      this.emit();
    });
    this.state = {request, lines: tail.lines(), dropped: tail.dropped, received: tail.received, command};
    this.notify();
  }

  close(): void {
    this.offTail?.();
    this.offTail = undefined;
    this.tail?.stop();
    this.abort?.abort();
    this.tail = undefined;
    this.abort = undefined;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = this.clock.setTimeout(() => this.emit(), this.frameMs);
  }

  private emit(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    const tail = this.tail;
    if (!tail) return;
    this.state = {...this.state, lines: tail.lines(), dropped: tail.dropped, received: tail.received};
    this.notify();
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }
}
