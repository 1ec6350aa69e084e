// A list-then-watch cache of one resource collection (client-go's Reflector): resumes from the last
// resourceVersion when a watch breaks, relists on 410 Gone, backs off while the API is unreachable, and says
// whether its content can be trusted right now.
import type * as k8s from '@kubernetes/client-node';
import type {Clock, TimerHandle} from '../clock.js';
import {kubeError} from './client.js';
import {isRecord, nameOf, namespaceOf, num, records, str, type KubeJson} from './json.js';

/** starting: first list pending · synced: trustworthy · resyncing: watch resumed, backlog arriving · disconnected: broken, retry scheduled. */
export type ReflectorState = 'starting' | 'synced' | 'resyncing' | 'disconnected' | 'stopped';

/** What a reflector watches, and how it backs off. */
export interface ReflectorOptions {
  /** For messages, e.g. `pods -n atp-ingest-ns`. */
  readonly name: string;
  /** The collection's URL path, e.g. `/api/v1/namespaces/atp-ingest-ns/pods`. */
  readonly path: string;
  /** One list call returning the raw List object (metadata.resourceVersion + items). */
  readonly list: (signal: AbortSignal) => Promise<KubeJson>;
  readonly watch: k8s.Watch;
  readonly clock: Clock;
  readonly minBackoffMs: number;
  readonly maxBackoffMs: number;
  /** Quiet time after a resumed watch before its backlog counts as delivered. */
  readonly settleMs?: number;
  /**
   * A watch that delivers nothing (no event, no bookmark) for this long is taken for stalled (the connection open,
   * nothing arriving, no FIN) and restarted from its resourceVersion; a watch request unanswered this long (10 s at
   * least) fails.
   * Issue 15: set within the pane's stale limit. Default: no limit.
   */
  readonly silenceMs?: number;
}

/** What the reflector is doing, for messages and tests. */
export interface ReflectorStatus {
  readonly state: ReflectorState;
  readonly error?: string;
  readonly failures: number;
  readonly retryAt?: number;
  readonly lists: number;
  readonly watches: number;
  /** Watches restarted because they went silent. */
  readonly silences: number;
}

/** Keeps one collection current from the API server; `items()` is the cache. */
export class Reflector {
  private objects = new Map<string, KubeJson>();
  private rv = '';
  private state: ReflectorState = 'starting';
  private error: string | undefined;
  private failures = 0;
  private retryAt: number | undefined;
  private lists = 0;
  private watches = 0;
  private generation = 0;
  private request: AbortController | undefined;
  private retryTimer: TimerHandle | undefined;
  private settleTimer: TimerHandle | undefined;
  private silenceTimer: TimerHandle | undefined;
  private silences = 0;
  private establishedAt = 0;
  private sawEvent = false;
  private quickCloses = 0;
  private errorEvent: string | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: ReflectorOptions) {}

  get name(): string {
    return this.options.name;
  }

  /** Lists and starts watching (returns at once; see `status()`). */
  start(): void {
    if (this.state === 'stopped') return;
    void this.connect();
  }

  /** Stops watching for good. */
  stop(): void {
    this.generation++;
    this.clearTimers();
    this.request?.abort();
    this.request = undefined;
    this.setState('stopped');
  }

  /** The cached objects (plain JSON as the API sent them). */
  items(): KubeJson[] {
    return [...this.objects.values()];
  }

  status(): ReflectorStatus {
    return {
      state: this.state,
      error: this.error,
      failures: this.failures,
      retryAt: this.retryAt,
      lists: this.lists,
      watches: this.watches,
      silences: this.silences,
    };
  }

  /** Called on every change of content or state. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async connect(): Promise<void> {
    const generation = ++this.generation;
    this.clearTimers();
    const relist = this.rv === '';
    if (relist) {
      try {
        this.lists++;
        const list = await this.options.list(AbortSignal.timeout(30_000));
        if (generation !== this.generation) return;
        this.replace(records(list, 'items'), str(list, 'metadata.resourceVersion'));
      } catch (error) {
        if (generation === this.generation) this.fail(error);
        return;
      }
    }
    let ended = false;
    const done = (error: unknown) => {
      if (ended) return;
      ended = true;
      if (generation === this.generation) this.onDone(error);
    };
    this.sawEvent = false;
    this.errorEvent = undefined;
    this.establishedAt = 0;
    // The request itself may hang (headers never come): then it fails like any other broken watch.
    // (Given at least 10 s: a busy API server answers watch requests slowly, and a restart loop would only add load.)
    const answerMs = Math.max(10_000, this.options.silenceMs ?? 0);
    this.armSilence(generation, () => this.fail(new Error(`the watch request got no answer in ${Math.round(answerMs / 1000)} s`)), answerMs);
    try {
      this.watches++;
      // client-go style: server-side timeout of 5-10 minutes, bookmarks to keep the resourceVersion fresh.
      const params = {resourceVersion: this.rv, allowWatchBookmarks: true, timeoutSeconds: 300 + Math.floor(Math.random() * 300)};
      const controller = await this.options.watch.watch(
        this.options.path,
        params,
        (type: string, obj: unknown) => generation === this.generation && this.onEvent(type, obj),
        done,
      );
      if (generation !== this.generation) {
        controller.abort();
        return;
      }
      this.request = controller;
    } catch (error) {
      done(error);
      return;
    }
    if (ended) return;
    this.armSilence(generation, () => this.restartSilent());
    this.establishedAt = this.options.clock.now();
    this.failures = 0;
    this.error = undefined;
    this.retryAt = undefined;
    if (relist) this.setState('synced');
    else {
      this.setState('resyncing');
      this.armSettle();
    }
  }

  private onEvent(type: string, obj: unknown): void {
    if (type === 'ERROR') {
      // A Status inside the stream; the server closes it next. 410 Gone: history compacted, relist.
      if (num(obj, 'code') === 410) this.rv = '';
      this.errorEvent = str(obj, 'message') || `watch error ${num(obj, 'code')}`;
      return;
    }
    this.sawEvent = true;
    this.armSilence(this.generation, () => this.restartSilent());
    const rv = str(obj, 'metadata.resourceVersion');
    if (type !== 'BOOKMARK' && isRecord(obj)) {
      const key = `${namespaceOf(obj)}/${nameOf(obj)}`;
      if (type === 'DELETED') this.objects.delete(key);
      else if (type === 'ADDED' || type === 'MODIFIED') this.objects.set(key, obj);
    }
    if (rv) this.rv = rv;
    if (this.state === 'resyncing') this.armSettle();
    this.notify();
  }

  /** Arms (or re-arms) the silence limit for watch `generation`; `then` runs if nothing arrives in time. */
  private armSilence(generation: number, then: () => void, limitMs?: number): void {
    if (!this.options.silenceMs) return;
    const ms = limitMs ?? this.options.silenceMs;
    if (this.silenceTimer) this.options.clock.clearTimeout(this.silenceTimer);
    this.silenceTimer = this.options.clock.setTimeout(() => {
      this.silenceTimer = undefined;
      if (generation !== this.generation || this.state === 'stopped') return;
      // Whatever the old request does later is ignored (its generation is over).
      this.generation++;
      this.request?.abort();
      this.request = undefined;
      then();
    }, ms);
  }

  /** A watch went silent: its cache may be missing changes; resume from the last resourceVersion. */
  private restartSilent(): void {
    this.silences++;
    this.error = `the watch went silent for ${Math.round((this.options.silenceMs ?? 0) / 1000)} s; restarted`;
    if (this.state === 'synced') this.setState('resyncing');
    void this.connect();
  }

  private onDone(error: unknown): void {
    this.request = undefined;
    if (this.state === 'stopped') return;
    const status = (error as {statusCode?: number} | null)?.statusCode;
    const timedOut = (error as {name?: string} | null)?.name === 'TimeoutError';
    if (status === 410) this.rv = '';
    const routine = !error || timedOut || status === 410;
    // Watches that keep ending at once without delivering anything are failing, not timing out: back off.
    const quick = (this.establishedAt === 0 || this.options.clock.now() - this.establishedAt < 1_000) && !this.sawEvent && this.rv !== '';
    this.quickCloses = quick ? this.quickCloses + 1 : 0;
    if (routine && this.quickCloses < 3) {
      if (this.state === 'synced') this.setState('resyncing');
      void this.connect();
      return;
    }
    this.fail(error ?? new Error(this.errorEvent ?? 'the watch closed immediately'));
  }

  private fail(error: unknown): void {
    this.failures++;
    const {minBackoffMs, maxBackoffMs} = this.options;
    const delay = Math.round(Math.min(maxBackoffMs, minBackoffMs * 2 ** (this.failures - 1)) * (0.8 + Math.random() * 0.4));
    const status = (error as {statusCode?: number} | null)?.statusCode;
    this.error = status
      ? `HTTP ${status}${error instanceof Error && error.message ? ` ${error.message}` : ''}`
      : kubeError(error, 'watch').message.replace(/^watch: /, '');
    this.retryAt = this.options.clock.now() + delay;
    this.clearTimers();
    this.retryTimer = this.options.clock.setTimeout(() => void this.connect(), delay);
    this.setState('disconnected');
  }

  private armSettle(): void {
    if (this.settleTimer) this.options.clock.clearTimeout(this.settleTimer);
    const settle = this.options.settleMs ?? 150;
    const left = Math.max(0, this.establishedAt + 1_000 - this.options.clock.now());
    this.settleTimer = this.options.clock.setTimeout(
      () => {
        this.settleTimer = undefined;
        if (this.state === 'resyncing') this.setState('synced');
      },
      Math.min(settle, left),
    );
  }

  private replace(items: readonly KubeJson[], rv: string): void {
    const next = new Map<string, KubeJson>();
    for (const o of items) next.set(`${namespaceOf(o)}/${nameOf(o)}`, o);
    this.objects = next;
    this.rv = rv;
    this.notify();
  }

  private clearTimers(): void {
    if (this.retryTimer) this.options.clock.clearTimeout(this.retryTimer);
    if (this.settleTimer) this.options.clock.clearTimeout(this.settleTimer);
    if (this.silenceTimer) this.options.clock.clearTimeout(this.silenceTimer);
    this.retryTimer = undefined;
    this.settleTimer = undefined;
    this.silenceTimer = undefined;
  }

  private setState(state: ReflectorState): void {
    if (this.state === 'stopped' && state !== 'stopped') return;
    this.state = state;
    this.notify();
  }

  private notify(): void {
    for (const l of [...this.listeners]) {
      try {
        l();
      } catch {
        // a listener must not break the watch
      }
    }
  }
}
