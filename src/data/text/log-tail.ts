// The source-independent half of a log tail: split a byte stream into lines, sanitise each, filter, keep the newest
// in a ring buffer, and settle `done` exactly once. The kubernetes and demo sources feed it.
import type {LogEnd, LogTail} from '../sources/types.js';
import {LineRing} from './ring.js';
import {sanitizeLine} from './sanitize.js';

/** Longest line kept (characters, after sanitising): a single huge line cannot take the memory the ring bounds. */
export const MAX_LINE = 4_096;

export class LogTailBuffer implements LogTail {
  private readonly ring: LineRing;
  private readonly listeners = new Set<() => void>();
  private readonly filter: string;
  private partial = '';
  private settle!: (end: LogEnd) => void;
  private ended = false;
  received = 0;
  readonly done: Promise<LogEnd>;

  constructor(
    maxLines: number | undefined,
    filter: string | undefined,
    private readonly onStop: () => void,
  ) {
    this.ring = new LineRing(maxLines);
    this.filter = (filter ?? '').toLowerCase();
    this.done = new Promise((resolve) => (this.settle = resolve));
  }

  get capacity(): number {
    return this.ring.capacity;
  }

  get dropped(): number {
    return this.ring.dropped;
  }

  lines(): readonly string[] {
    return this.ring.toArray();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Feeds decoded text; complete lines are kept, the rest waits for the next chunk. */
  feed(text: string): void {
    if (this.ended) return;
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop() ?? '';
    if (this.partial.length > MAX_LINE * 4) {
      parts.push(this.partial);
      this.partial = '';
    }
    for (const part of parts) this.add(part);
    if (parts.length > 0) for (const l of this.listeners) l();
  }

  /** Ends the tail (a trailing partial line is kept); later calls are ignored. */
  end(end: LogEnd): void {
    if (this.ended) return;
    if (this.partial) this.add(this.partial);
    this.partial = '';
    this.ended = true;
    for (const l of this.listeners) l();
    this.settle(end);
  }

  stop(): void {
    this.onStop();
    this.end({reason: 'stopped'});
  }

  private add(raw: string): void {
    this.received++;
    const line = sanitizeLine(raw.endsWith('\r') ? raw.slice(0, -1) : raw).slice(0, MAX_LINE);
    if (this.filter && !line.toLowerCase().includes(this.filter)) return;
    this.ring.push(line);
  }
}
