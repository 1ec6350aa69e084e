// PATCH bodies: RFC 6902 JSON patch, RFC 7386 merge patch, and a strategic merge patch subset.
import {ApiError, badRequest} from './errors.js';
import {clone, isObject, type JsonObject} from './types.js';

function unprocessable(message: string): ApiError {
  return new ApiError(422, 'Invalid', message);
}

function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw badRequest(`invalid JSON pointer: ${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

interface Slot {
  parent: unknown;
  key: string;
}

function locate(doc: unknown, pointer: string, op: string): Slot {
  const parts = decodePointer(pointer);
  if (parts.length === 0) throw unprocessable(`${op} operation on the document root is not supported`);
  let cur: unknown = doc;
  for (const part of parts.slice(0, -1)) {
    const next: unknown = Array.isArray(cur) ? cur[Number(part)] : isObject(cur) ? cur[part] : undefined;
    if (next === undefined) throw unprocessable(`${op} operation does not apply: doc is missing path: "${pointer}"`);
    cur = next;
  }
  return {parent: cur, key: parts[parts.length - 1]!};
}

function read(slot: Slot): unknown {
  const {parent, key} = slot;
  if (Array.isArray(parent)) return parent[Number(key)];
  return isObject(parent) ? parent[key] : undefined;
}

function remove(slot: Slot, op: string, pointer: string): unknown {
  const {parent, key} = slot;
  const existing = read(slot);
  if (existing === undefined) throw unprocessable(`${op} operation does not apply: doc is missing key: ${pointer}`);
  if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else if (isObject(parent)) delete parent[key];
  return existing;
}

function add(slot: Slot, value: unknown, pointer: string): void {
  const {parent, key} = slot;
  if (Array.isArray(parent)) {
    const idx = key === '-' ? parent.length : Number(key);
    if (!Number.isInteger(idx) || idx < 0 || idx > parent.length) throw unprocessable(`add operation does not apply: index out of bounds: ${pointer}`);
    parent.splice(idx, 0, value);
  } else if (isObject(parent)) parent[key] = value;
  else throw unprocessable(`add operation does not apply: doc is missing path: "${pointer}"`);
}

/** Applies an RFC 6902 JSON patch (the semantics of evanphx/json-patch used by the API server). */
export function applyJsonPatch<T>(doc: T, ops: unknown): T {
  if (!Array.isArray(ops)) throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  const out = clone(doc);
  for (const raw of ops) {
    if (!isObject(raw)) throw badRequest('invalid JSON patch operation');
    const op = String(raw['op']);
    const path = String(raw['path'] ?? '');
    const value = clone(raw['value']);
    switch (op) {
      case 'add':
        add(locate(out, path, op), value, path);
        break;
      case 'remove':
        remove(locate(out, path, op), op, path);
        break;
      case 'replace': {
        const slot = locate(out, path, op);
        if (read(slot) === undefined) throw unprocessable(`replace operation does not apply: doc is missing key: ${path}`);
        if (Array.isArray(slot.parent)) slot.parent[Number(slot.key)] = value;
        else (slot.parent as JsonObject)[slot.key] = value;
        break;
      }
      case 'move':
      case 'copy': {
        const from = String(raw['from'] ?? '');
        const fromSlot = locate(out, from, op);
        const moved = op === 'move' ? remove(fromSlot, op, from) : clone(read(fromSlot));
        if (moved === undefined) throw unprocessable(`${op} operation does not apply: doc is missing from path: ${from}`);
        add(locate(out, path, op), moved, path);
        break;
      }
      case 'test': {
        const actual = read(locate(out, path, op));
        if (JSON.stringify(actual) !== JSON.stringify(value)) throw unprocessable(`testing value ${path} failed: test failed`);
        break;
      }
      default:
        throw badRequest(`Unexpected kind: ${op}`);
    }
  }
  return out;
}

/** Applies an RFC 7386 JSON merge patch. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return clone(patch);
  const out: JsonObject = isObject(target) ? clone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = applyMergePatch(out[k], v);
  }
  return out;
}

/** patchMergeKey of the list fields that strategic merge merges element-wise. */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  ports: 'containerPort',
  imagePullSecrets: 'name',
  conditions: 'type',
  ownerReferences: 'uid',
};

function mergeList(target: unknown[], patch: unknown[], key: string): unknown[] {
  const out = clone(target);
  for (const item of patch) {
    if (!isObject(item)) continue;
    const idx = out.findIndex((t) => isObject(t) && t[key] === item[key]);
    if (item['$patch'] === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
    } else if (idx >= 0) out[idx] = applyStrategicMergePatch(out[idx], item);
    else out.push(applyStrategicMergePatch({}, item));
  }
  return out;
}

/**
 * Applies a strategic merge patch for the subset kubectl uses: merge patch semantics, plus
 * element-wise merging of known keyed lists (containers by name, env by name, ...), `$patch`
 * directives and ignored `$setElementOrder`/`$retainKeys` hints.
 */
export function applyStrategicMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return clone(patch);
  if (patch['$patch'] === 'replace') {
    const rest = {...patch};
    delete rest['$patch'];
    return clone(rest);
  }
  const out: JsonObject = isObject(target) ? clone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    const cur = out[k];
    if (v === null) delete out[k];
    else if (Array.isArray(v) && Array.isArray(cur) && MERGE_KEYS[k]) out[k] = mergeList(cur, v, MERGE_KEYS[k]);
    else if (Array.isArray(v)) out[k] = v.filter((e) => !(isObject(e) && e['$patch'] === 'delete')).map((e) => applyStrategicMergePatch({}, e));
    else out[k] = applyStrategicMergePatch(cur, v);
  }
  return out;
}
