// A log feed: one tail at a time of one service's pod, handed to the view as immutable snapshots at most once per
// frame interval. A pod logging 1,000 lines a second must not cost 1,000 renders a second (issue 16): the tail may
// announce every chunk, the feed announces the lot on the next frame. The timer is the injected clock's, so tests and
// the bench can drive it.
import type {Clock, TimerHandle} from './clock.js';
import {describeError} from './errors.js';
import type {LogEnd, Loggable, LogRequest, LogTail, LogTarget, ServiceRef} from './sources/types.js';

/** At most one snapshot per this many ms while lines arrive (about ten frames a second). */
export const LOG_FRAME_MS = 100;
/** How long listing the pods may take. */
export const TARGETS_TIMEOUT_MS = 10_000;

/** What the log view shows. Replaced, never mutated. */
export interface LogSnapshot {
  readonly request?: LogRequest;
  /** The kept lines, sanitised, oldest first (the tail's ring buffer). */
  readonly lines: readonly string[];
  readonly dropped: number;
  /** The ring buffer's size: at most this many lines are kept. */
  readonly capacity?: number;
  readonly received: number;
  /** Set once the stream has ended (eof for a non-follow read, an error, a timeout). */
  readonly end?: LogEnd;
  /** The kubectl line for the same request. */
  readonly command: string;
  /** The pods (and containers) to choose from, once listed. */
  readonly targets?: readonly LogTarget[];
  readonly targetsError?: string;
}

const EMPTY: LogSnapshot = {lines: [], dropped: 0, received: 0, command: ''};

export class LogFeed {
  private state: LogSnapshot = EMPTY;
  private tail: LogTail | undefined;
  private abort: AbortController | undefined;
  private offTail: (() => void) | undefined;
  private timer: TimerHandle | undefined;
  private readonly listeners = new Set<() => void>();
  private stopTargets: (() => void) | undefined;

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

  /**
   * Lists the pods (bounded by TARGETS_TIMEOUT_MS), then tails the first container of the first pod, following, unless
   * a tail was opened meanwhile. Resolves when the list is in (or failed).
   */
  async start(): Promise<void> {
    const abort = new AbortController();
    this.stopTargets = () => abort.abort(new Error('closed'));
    const timer = this.clock.setTimeout(() => abort.abort(new Error(`no pod list within ${TARGETS_TIMEOUT_MS / 1000}s`)), TARGETS_TIMEOUT_MS);
    try {
      const targets = await Promise.race([
        this.logs.targets(this.ref, abort.signal),
        new Promise<never>((_, reject) => abort.signal.addEventListener('abort', () => reject(abort.signal.reason as Error), {once: true})),
      ]);
      this.state = {...this.state, targets};
      const first = targets[0];
      if (first && !this.tail) this.open({pod: first.pod, container: first.containers[0], follow: true});
      else this.notify();
    } catch (error) {
      if (this.stopTargets === undefined) return;
      this.state = {...this.state, targetsError: describeError(error)};
      this.notify();
    } finally {
      this.clock.clearTimeout(timer);
    }
  }

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
    this.state = {
      ...this.state,
      request,
      lines: tail.lines(),
      dropped: tail.dropped,
      received: tail.received,
      capacity: tail.capacity,
      command,
      end: undefined,
    };
    this.notify();
  }

  /** Ends the tail and the pod listing; the feed can be opened again. */
  dispose(): void {
    const stop = this.stopTargets;
    this.stopTargets = undefined;
    stop?.();
    this.close();
  }

  /** Ends the current tail (its lines stay in the snapshot). */
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
