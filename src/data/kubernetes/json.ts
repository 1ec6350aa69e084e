// Defensive accessors for Kubernetes objects kept as plain JSON (as the API sent them): bad data reads as absent.

/** A Kubernetes object as parsed from the API's JSON; nothing about its shape is trusted. */
export interface KubeJson {
  readonly apiVersion?: unknown;
  readonly kind?: unknown;
  readonly metadata?: unknown;
  readonly [key: string]: unknown;
}

/** A plain JSON object. */
export type JsonRecord = Record<string, unknown>;

/** True for a plain (non-array) object. */
export function isRecord(v: unknown): v is JsonRecord {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads a nested field by dotted path (`spec.template.spec`); undefined when any step is missing. */
export function at(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (!isRecord(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

/** A string field, or `fallback`. */
export function str(obj: unknown, path: string, fallback = ''): string {
  const v = at(obj, path);
  return typeof v === 'string' ? v : fallback;
}

/** A finite number field, or `fallback`. */
export function num(obj: unknown, path: string, fallback = 0): number {
  const v = at(obj, path);
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

/** The objects of an array field (non-objects dropped). */
export function records(obj: unknown, path: string): JsonRecord[] {
  const v = at(obj, path);
  return Array.isArray(v) ? v.filter(isRecord) : [];
}

/** A string→string map field (labels, annotations, data); non-string values dropped. */
export function stringMap(obj: unknown, path: string): Record<string, string> {
  const v = at(obj, path);
  if (!isRecord(v)) return {};
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  return out;
}

/** metadata.name */
export const nameOf = (o: unknown): string => str(o, 'metadata.name');
/** metadata.namespace */
export const namespaceOf = (o: unknown): string => str(o, 'metadata.namespace');
/** metadata.uid */
export const uidOf = (o: unknown): string => str(o, 'metadata.uid');
/** metadata.annotations */
export const annotationsOf = (o: unknown): Record<string, string> => stringMap(o, 'metadata.annotations');
/** metadata.labels */
export const labelsOf = (o: unknown): Record<string, string> => stringMap(o, 'metadata.labels');

/** An RFC 3339 timestamp field as epoch ms, or undefined. */
export function time(obj: unknown, path: string): number | undefined {
  const v = at(obj, path);
  if (typeof v !== 'string' || v === '') return undefined;
  const t = Date.parse(v);
  return Number.isFinite(t) ? t : undefined;
}

/** True when `o` is controlled by the object with `uid` (ownerReferences[].controller). */
export function controlledBy(o: unknown, uid: string): boolean {
  return uid !== '' && records(o, 'metadata.ownerReferences').some((r) => r['controller'] === true && r['uid'] === uid);
}

/** Parses JSON text into an object, or throws a plain error naming `what`. */
export function parseObject(text: string, what: string): KubeJson {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new Error(`${what}: the API server sent invalid JSON`);
  }
  if (!isRecord(v)) throw new Error(`${what}: the API server sent no object`);
  return v;
}
