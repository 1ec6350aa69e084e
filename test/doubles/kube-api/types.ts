// Shared shapes of the kube-api double: loosely typed Kubernetes objects as they travel as JSON.

/** A JSON object whose fields are not known statically. */
export type JsonObject = Record<string, unknown>;

/** metadata.ownerReferences[] entry. */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** The ObjectMeta fields the double maintains. */
export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string | null;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  [key: string]: unknown;
}

/** Any Kubernetes object (apiVersion/kind/metadata plus arbitrary fields). */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

/** One HTTP request received by the double, as recorded in `double.requests`. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType?: string;
  accept?: string;
  userAgent?: string;
  /** Parsed JSON body (raw string if it was not JSON). */
  body?: unknown;
  /** The body exactly as received (for byte-for-byte comparisons). */
  rawBody?: string;
  at: number;
}

/** Watch event types as sent on the wire. */
export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/** Structural deep clone for JSON values. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** True if `v` is a plain JSON object. */
export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads a nested field by dotted path ("spec.template.spec"); undefined if absent. */
export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (!isObject(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

/** Returns obj[key] as an object, creating it when missing. */
export function child(obj: JsonObject, key: string): JsonObject {
  const cur = obj[key];
  if (isObject(cur)) return cur;
  const created: JsonObject = {};
  obj[key] = created;
  return created;
}

/** Returns obj[key] as an array of objects (empty when missing). */
export function objects(obj: unknown, key: string): JsonObject[] {
  const v = isObject(obj) ? obj[key] : undefined;
  return Array.isArray(v) ? v.filter(isObject) : [];
}

/** Returns obj[key] as a number (fallback when missing). */
export function num(obj: unknown, key: string, fallback = 0): number {
  const v = isObject(obj) ? obj[key] : undefined;
  return typeof v === 'number' ? v : fallback;
}

/** Returns obj[key] as a string (fallback when missing). */
export function str(obj: unknown, key: string, fallback = ''): string {
  const v = isObject(obj) ? obj[key] : undefined;
  return typeof v === 'string' ? v : fallback;
}
