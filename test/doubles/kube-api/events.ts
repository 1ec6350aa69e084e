// core/v1 Event recording with the client-go recorder's aggregation (same object+reason+message => count++).
import type {Clock} from './clock.js';
import {resourceByName} from './resources.js';
import type {Store} from './store.js';
import type {KubeObject} from './types.js';

/** Who reports an event (source.component / source.host). */
export interface EventSource {
  component: string;
  host?: string;
}

/** Writes Events about objects into the store, like client-go's EventRecorder. */
export class EventRecorder {
  private readonly names = new Map<string, string>();
  private seq = 0;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Records (or re-counts) an event about `involved`. */
  record(involved: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource, fieldPath?: string): void {
    const events = resourceByName('events');
    const ns = involved.metadata.namespace ?? 'default';
    const key = [involved.metadata.uid, type, reason, message, source.component, fieldPath ?? ''].join('\u0000');
    const now = this.clock.iso();
    const existingName = this.names.get(key);
    if (existingName && this.store.tryGet(events, ns, existingName)) {
      this.store.mutate(events, ns, existingName, (e) => {
        e['count'] = (typeof e['count'] === 'number' ? e['count'] : 1) + 1;
        e['lastTimestamp'] = now;
      });
      return;
    }
    const name = `${involved.metadata.name ?? 'unknown'}.${(BigInt(this.clock.now().getTime()) * 1_000_000n + BigInt(++this.seq)).toString(16)}`;
    this.names.set(key, name);
    if (!this.store.tryGet(resourceByName('namespaces'), undefined, ns)) return;
    this.store.create(
      events,
      {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: {name, namespace: ns},
        involvedObject: {
          kind: involved.kind,
          namespace: involved.metadata.namespace,
          name: involved.metadata.name,
          uid: involved.metadata.uid,
          apiVersion: involved.apiVersion,
          resourceVersion: involved.metadata.resourceVersion,
          ...(fieldPath ? {fieldPath} : {}),
        },
        reason,
        message,
        source: {component: source.component, ...(source.host ? {host: source.host} : {})},
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
        type,
        eventTime: null,
        reportingComponent: source.component,
        reportingInstance: source.host ?? '',
      },
      {internal: true},
    );
  }
}
