// The object store: etcd-like keyspace, a global resourceVersion, a compactable change log and GC.
import {randomUUID} from 'node:crypto';
import {isDeepStrictEqual} from 'node:util';
import type {Clock} from './clock.js';
import {applyDefaults, sortMaps, validate} from './defaults.js';
import {alreadyExists, conflict, notFound} from './errors.js';
import {goOrder} from './goorder.js';
import {randomSuffix} from './hash.js';
import {apiVersionOf, RESOURCES, resourceByName, type ResourceDef} from './resources.js';
import {matchesFields, matchesLabels, type FieldRequirement, type LabelRequirement} from './selectors.js';
import {clone, type KubeObject} from './types.js';

/** One committed change, as watchers see it. */
export interface ChangeEvent {
  rv: number;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  def: ResourceDef;
  object: KubeObject;
  previous?: KubeObject;
}

/** Options of create/update. `internal` writes (controllers, seeding) may set status and skip admission. */
export interface WriteOptions {
  dryRun?: boolean;
  subresource?: 'status';
  internal?: boolean;
}

/** Options of delete. */
export interface DeleteOptions {
  dryRun?: boolean;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  preconditions?: {uid?: string; resourceVersion?: string};
}

/** List filters. */
export interface ListOptions {
  labels?: LabelRequirement[];
  fields?: FieldRequirement[];
}

const WITHOUT_GENERATION = new Set(['pods', 'namespaces', 'nodes', 'events', 'secrets', 'configmaps']);

function specOf(o: KubeObject): Record<string, unknown> {
  const rest: Record<string, unknown> = {...o};
  delete rest['metadata'];
  delete rest['status'];
  return rest;
}

/** In-memory API storage shared by the HTTP layer, the controllers and the tests. */
export class Store {
  private readonly objects = new Map<string, KubeObject>();
  private log: ChangeEvent[] = [];
  private readonly listeners = new Set<(e: ChangeEvent) => void>();
  /** Last committed resourceVersion. */
  rv = 1;
  /** Watches from a resourceVersion older than this get 410 Gone. */
  compactedRv = 0;

  constructor(readonly clock: Clock) {}

  private key(d: ResourceDef, ns: string | undefined, name: string): string {
    return `${d.group}/${d.resource}/${d.namespaced ? (ns ?? '') : ''}/${name}`;
  }

  /** Returns a copy of the object, or undefined. */
  tryGet(d: ResourceDef, ns: string | undefined, name: string): KubeObject | undefined {
    const o = this.objects.get(this.key(d, ns, name));
    return o ? clone(o) : undefined;
  }

  /** Returns a copy of the object or throws 404. */
  get(d: ResourceDef, ns: string | undefined, name: string): KubeObject {
    const o = this.tryGet(d, ns, name);
    if (!o) throw notFound(d, name);
    return o;
  }

  /** Copies of the matching objects in key order (namespace, then name). */
  list(d: ResourceDef, ns?: string, opts: ListOptions = {}): KubeObject[] {
    const prefix = `${d.group}/${d.resource}/${d.namespaced && ns ? `${ns}/` : ''}`;
    return [...this.objects.entries()]
      .filter(([k]) => k.startsWith(prefix))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, o]) => o)
      .filter((o) => matchesLabels(opts.labels ?? [], o.metadata.labels) && matchesFields(opts.fields ?? [], o))
      .map(clone);
  }

  /** Subscribes to committed changes; returns the unsubscribe function. */
  onChange(fn: (e: ChangeEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Changes after `rv`, or 'expired' if the log was compacted past it. */
  changesSince(rv: number): ChangeEvent[] | 'expired' {
    if (rv < this.compactedRv) return 'expired';
    return this.log.filter((e) => e.rv > rv);
  }

  /** Forgets history up to `upTo` (default: everything): older watches then get 410 Gone. */
  compact(upTo = this.rv): void {
    this.compactedRv = Math.max(this.compactedRv, upTo);
    this.log = this.log.filter((e) => e.rv > this.compactedRv);
  }

  private commit(type: ChangeEvent['type'], d: ResourceDef, input: KubeObject, previous?: KubeObject): KubeObject {
    this.rv += 1;
    input.metadata.resourceVersion = String(this.rv);
    const obj = goOrder(d, input);
    const k = this.key(d, obj.metadata.namespace, obj.metadata.name ?? '');
    if (type === 'DELETED') this.objects.delete(k);
    else this.objects.set(k, clone(obj));
    const event: ChangeEvent = {rv: this.rv, type, def: d, object: clone(obj), ...(previous ? {previous} : {})};
    this.log.push(event);
    for (const l of [...this.listeners]) l(event);
    return obj;
  }

  /** POST semantics: name generation, uid, timestamps, defaults, validation, namespace existence. */
  create(d: ResourceDef, input: KubeObject, opts: WriteOptions = {}): KubeObject {
    const obj = clone(input);
    obj.apiVersion = apiVersionOf(d);
    obj.kind = d.kind;
    const meta = obj.metadata;
    if (!meta.name && meta.generateName) meta.name = meta.generateName + randomSuffix();
    const name = meta.name ?? '';
    if (d.namespaced) {
      meta.namespace = meta.namespace || 'default';
      if (!this.tryGet(resourceByName('namespaces'), undefined, meta.namespace)) throw notFound(resourceByName('namespaces'), meta.namespace);
    } else delete meta.namespace;
    if (this.tryGet(d, meta.namespace, name)) throw alreadyExists(d, name);
    meta.uid = randomUUID();
    meta.creationTimestamp = this.clock.iso();
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    if (!WITHOUT_GENERATION.has(d.resource)) meta.generation = 1;
    if (d.status && !opts.internal && d.resource !== 'namespaces') delete obj['status'];
    applyDefaults(d, obj);
    sortMaps(obj);
    validate(d, obj);
    if (opts.dryRun) return goOrder(d, obj);
    return this.commit('ADDED', d, obj);
  }

  /** PUT semantics (also the last step of PATCH): preconditions, status subresource, generation. */
  update(d: ResourceDef, input: KubeObject, opts: WriteOptions = {}): KubeObject {
    const name = input.metadata.name ?? '';
    const old = this.get(d, input.metadata.namespace, name);
    const rv = input.metadata.resourceVersion;
    if (rv && rv !== old.metadata.resourceVersion) throw conflict(d, name);
    let obj = clone(input);
    if (opts.subresource === 'status') obj = {...clone(old), status: obj['status']};
    else if (d.status && !opts.internal) obj['status'] = clone(old['status']);
    if (obj['status'] === undefined) delete obj['status'];
    obj.apiVersion = apiVersionOf(d);
    obj.kind = d.kind;
    const fixed = ['uid', 'creationTimestamp', 'namespace', 'generation', ...(opts.internal ? [] : ['deletionTimestamp'])];
    for (const k of fixed) {
      if (old.metadata[k] === undefined) delete obj.metadata[k];
      else obj.metadata[k] = old.metadata[k];
    }
    applyDefaults(d, obj);
    sortMaps(obj);
    validate(d, obj, old);
    if (!WITHOUT_GENERATION.has(d.resource) && !isDeepStrictEqual(specOf(obj), specOf(old))) {
      obj.metadata.generation = (old.metadata.generation ?? 0) + 1;
    }
    obj.metadata.resourceVersion = old.metadata.resourceVersion;
    if (isDeepStrictEqual(obj, old) || opts.dryRun) return goOrder(d, obj); // no-op writes keep the resourceVersion
    return this.commit('MODIFIED', d, obj, old);
  }

  /** Reads, modifies and writes back an object internally (controller-style). */
  mutate(d: ResourceDef, ns: string | undefined, name: string, fn: (o: KubeObject) => void): KubeObject {
    const o = this.get(d, ns, name);
    fn(o);
    return this.update(d, o, {internal: true});
  }

  /** DELETE semantics with preconditions and garbage collection of owned objects. */
  delete(d: ResourceDef, ns: string | undefined, name: string, opts: DeleteOptions = {}): KubeObject {
    const old = this.get(d, ns, name);
    const pre = opts.preconditions;
    if (pre?.uid && pre.uid !== old.metadata.uid) throw conflict(d, name);
    if (pre?.resourceVersion && pre.resourceVersion !== old.metadata.resourceVersion) throw conflict(d, name);
    if (opts.dryRun) return old;
    const deleted = this.commit('DELETED', d, clone(old), old);
    this.collectGarbage(old, opts.propagationPolicy ?? 'Background');
    return deleted;
  }

  private collectGarbage(owner: KubeObject, policy: string): void {
    const uid = owner.metadata.uid;
    for (const d of RESOURCES) {
      for (const o of this.list(d)) {
        const ns = o.metadata.namespace;
        const owned = (o.metadata.ownerReferences ?? []).some((r) => r.uid === uid);
        const inNamespace = owner.kind === 'Namespace' && ns === owner.metadata.name;
        if (!owned && !inNamespace) continue;
        const name = o.metadata.name ?? '';
        if (policy === 'Orphan' && !inNamespace) {
          this.mutate(d, ns, name, (x) => {
            x.metadata.ownerReferences = (x.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
            if (x.metadata.ownerReferences.length === 0) delete x.metadata.ownerReferences;
          });
        } else if (this.tryGet(d, ns, name)) this.delete(d, ns, name, {propagationPolicy: 'Background'});
      }
    }
  }
}
