// Lock tokens: delivery tags use .NET GUID byte order; management bodies use RFC 4122 order.
import {randomUUID} from 'node:crypto';
import {R} from './rhea-shim.js';

/** Swaps the first three GUID fields between RFC 4122 and .NET (little-endian) byte order. */
function reorder(bytes: Buffer): Buffer {
  const b = Buffer.from(bytes);
  const out = Buffer.from(b);
  for (const [i, j] of [
    [0, 3],
    [1, 2],
    [2, 1],
    [3, 0],
    [4, 5],
    [5, 4],
    [6, 7],
    [7, 6],
  ] as const) {
    out[i] = b[j] ?? 0;
  }
  return out;
}

/** A fresh lock token string. */
export function newLockToken(): string {
  return randomUUID();
}

/** Delivery tag for a lock token; the SDK reorders it back with `reorderLockToken`. */
export function tagForLockToken(token: string): Buffer {
  return reorder(R.string_to_uuid(token));
}

/** Lock token named by a delivery tag received on a settlement. */
export function lockTokenFromTag(tag: Buffer | string): string {
  const bytes = typeof tag === 'string' ? Buffer.from(tag) : tag;
  return R.uuid_to_string(reorder(bytes));
}

/** Lock token from the uuid bytes in a management request (`lock-tokens` array). */
export function lockTokenFromUuid(value: unknown): string {
  if (Buffer.isBuffer(value)) return R.uuid_to_string(value);
  return String(value);
}

/** Uuid bytes for a lock token inside a management response (`lock-token`). */
export function uuidForLockToken(token: string): Buffer {
  return R.string_to_uuid(token);
}
