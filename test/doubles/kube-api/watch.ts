// Watch streams: newline-delimited JSON events, resume from a resourceVersion, bookmarks, 410 Gone.
import type {ServerResponse} from 'node:http';
import type {Clock} from './clock.js';
import {expired} from './errors.js';
import {apiVersionOf, type ResourceDef} from './resources.js';
import {matchesFields, matchesLabels, type FieldRequirement, type LabelRequirement} from './selectors.js';
import type {ChangeEvent, Store} from './store.js';
import {toTable, type IncludeObject} from './tables.js';
import type {KubeObject, WatchEventType} from './types.js';

/** A parsed watch request. */
export interface WatchRequest {
  def: ResourceDef;
  namespace?: string;
  labels: LabelRequirement[];
  fields: FieldRequirement[];
  resourceVersion: string;
  allowBookmarks: boolean;
  sendInitialEvents: boolean;
  timeoutSeconds?: number;
  table?: IncludeObject;
}

interface OpenWatch {
  res: ServerResponse;
  stop: () => void;
}

/** Serves watch requests from the store and keeps track of the open streams (for fault injection). */
export class WatchHub {
  private readonly open = new Set<OpenWatch>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly bookmarkIntervalMs: number,
  ) {}

  /** Number of watch streams currently open. */
  get openCount(): number {
    return this.open.size;
  }

  /** Ends every open stream: abruptly (socket destroyed mid-stream) or gracefully (clean end of body). */
  dropAll(mode: 'abort' | 'end' = 'abort'): number {
    const n = this.open.size;
    for (const w of [...this.open]) {
      w.stop();
      if (mode === 'abort') w.res.socket?.destroy();
      else w.res.end();
    }
    return n;
  }

  /** Silences every open stream: nothing more is sent (no event, no bookmark), yet the connection stays open. */
  silenceAll(): number {
    const n = this.open.size;
    for (const w of [...this.open]) w.stop();
    return n;
  }

  /** Streams events to `res` until the client goes away, a timeout passes or a fault drops it. */
  serve(w: WatchRequest, res: ServerResponse): void {
    res.writeHead(200, {'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private'});
    res.flushHeaders();
    const send = (type: WatchEventType, object: unknown) => res.write(`${JSON.stringify({type, object})}\n`);
    const wire = (o: KubeObject) => (w.table ? toTable(w.def, [o], this.clock.now(), w.table) : o);
    const matches = (o: KubeObject | undefined) =>
      o !== undefined &&
      (!w.def.namespaced || !w.namespace || o.metadata.namespace === w.namespace) &&
      matchesLabels(w.labels, o.metadata.labels) &&
      matchesFields(w.fields, o);
    const deliver = (e: ChangeEvent) => {
      if (e.def !== w.def) return;
      const now = e.type !== 'DELETED' && matches(e.object);
      const before = e.type !== 'ADDED' && matches(e.previous);
      if (e.type === 'DELETED' && before) send('DELETED', wire(e.object));
      else if (now && before) send('MODIFIED', wire(e.object));
      else if (now) send('ADDED', wire(e.object));
      else if (before) send('DELETED', wire({...structuredClone(e.previous!), metadata: {...e.previous!.metadata, resourceVersion: String(e.rv)}}));
    };

    if (w.resourceVersion === '' || w.resourceVersion === '0') {
      for (const o of this.store.list(w.def, w.namespace)) if (matches(o)) send('ADDED', wire(o));
      if (w.sendInitialEvents && w.allowBookmarks) this.bookmark(w, send, true);
    } else {
      const changes = this.store.changesSince(Number(w.resourceVersion));
      if (changes === 'expired') {
        send('ERROR', expired(Number(w.resourceVersion), this.store.compactedRv).toStatus());
        res.end();
        return;
      }
      changes.forEach(deliver);
    }

    const unsubscribe = this.store.onChange(deliver);
    const timers: NodeJS.Timeout[] = [];
    if (w.allowBookmarks) timers.push(setInterval(() => this.bookmark(w, send, false), this.bookmarkIntervalMs));
    if (w.timeoutSeconds) timers.push(setTimeout(() => res.end(), w.timeoutSeconds * 1000));
    const entry: OpenWatch = {res, stop: () => {}};
    entry.stop = () => {
      unsubscribe();
      timers.forEach((t) => clearTimeout(t));
      this.open.delete(entry);
    };
    this.open.add(entry);
    res.on('close', entry.stop);
    res.on('finish', entry.stop);
  }

  private bookmark(w: WatchRequest, send: (t: WatchEventType, o: unknown) => void, initialEnd: boolean): void {
    const metadata = {
      resourceVersion: String(this.store.rv),
      creationTimestamp: null,
      ...(initialEnd ? {annotations: {'k8s.io/initial-events-end': 'true'}} : {}),
    };
    send('BOOKMARK', {kind: w.def.kind, apiVersion: apiVersionOf(w.def), metadata});
  }
}
