// Names the way Kubernetes makes them: pod-template-hash and random generateName suffixes.
import {randomInt} from 'node:crypto';
import {isObject, type JsonObject} from './types.js';

/** The alphabet of k8s.io/apimachinery/pkg/util/rand (no vowels, no confusable digits). */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** utilrand.String(n): a random suffix such as "x7kq2". */
export function randomSuffix(n = 5): string {
  let s = '';
  for (let i = 0; i < n; i++) s += ALPHANUMS[randomInt(ALPHANUMS.length)];
  return s;
}

/** utilrand.SafeEncodeString: maps each character onto the safe alphabet. */
export function safeEncode(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += ALPHANUMS[s.charCodeAt(i) % ALPHANUMS.length];
  return out;
}

function fnv32a(data: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(data)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObject(v)) {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** Template copy without the pod-template-hash label (what "same template" compares). */
export function templateWithoutHash(template: unknown): JsonObject {
  const copy: JsonObject = isObject(template) ? structuredClone(template) : {};
  const meta = copy['metadata'];
  if (isObject(meta) && isObject(meta['labels'])) {
    const labels = {...meta['labels']};
    delete labels['pod-template-hash'];
    meta['labels'] = labels;
  }
  return copy;
}

/** controller.ComputeHash: FNV-32a of the template (minus hash label), safe-encoded, e.g. "5d8f6b7c9d". */
export function podTemplateHash(template: unknown, collisionCount = 0): string {
  const base = canonical(templateWithoutHash(template)) + (collisionCount ? String(collisionCount) : '');
  return safeEncode(String(fnv32a(base)));
}

/** deploymentutil.EqualIgnoreHash. */
export function sameTemplate(a: unknown, b: unknown): boolean {
  return canonical(templateWithoutHash(a)) === canonical(templateWithoutHash(b));
}
