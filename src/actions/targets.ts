// Resolves what a person typed (`query`, `query@eu-west`, `search-indexer`) to exact targets: one, several to
// choose from, or none with every known one listed. A target is never guessed (issue 13).
import type {DlqEntity, ServiceHealth} from '../data/readings/types.js';
import type {ServiceRef} from '../data/sources/types.js';

export type Resolution<T> =
  {readonly kind: 'one'; readonly value: T} | {readonly kind: 'many'; readonly candidates: readonly T[]} | {readonly kind: 'none'; readonly message: string};

/** Every SERVICE@REGION the health pane knows, in its order. */
export function knownServices(rows: readonly Pick<ServiceHealth, 'service' | 'region'>[]): string[] {
  return [...new Set(rows.map((r) => `${r.service}@${r.region}`))];
}

type ServiceRow = Pick<ServiceHealth, 'service' | 'region'>;

/** `service` (any region) or `service@region` against the health rows. */
export function resolveService(rows: readonly ServiceRow[], service: string, region?: string): Resolution<ServiceRef> {
  const all = rows.filter((r) => r.service === service);
  const refs = [...new Map(all.map((r) => [`${r.service}@${r.region}`, {service: r.service, region: r.region}])).values()];
  if (refs.length === 0) {
    const known = knownServices(rows);
    return {kind: 'none', message: `Unknown service "${service}". Known: ${known.length ? known.join(', ') : 'none (the health pane has no data yet)'}.`};
  }
  if (region !== undefined) {
    const exact = refs.find((r) => r.region === region);
    return exact
      ? {kind: 'one', value: exact}
      : {kind: 'none', message: `Unknown region "${region}" for ${service}: ${service} runs in ${refs.map((r) => r.region).join(', ')}.`};
  }
  return refs.length === 1 ? {kind: 'one', value: refs[0]!} : {kind: 'many', candidates: refs};
}

/** The short names an entity answers to: its path, `topic/subscription`, and the subscription's own name. */
export function entityNames(entity: string): string[] {
  const short = entity.replace('/Subscriptions/', '/');
  const last = entity.split('/').pop() ?? entity;
  return [...new Set([entity, short, last])];
}

/** An entity by its path or a short name; several entities answering to one short name are all offered. */
export function resolveEntity(entities: readonly DlqEntity[], name: string): Resolution<DlqEntity> {
  const exact = entities.find((e) => e.entity === name);
  if (exact) return {kind: 'one', value: exact};
  const matches = entities.filter((e) => entityNames(e.entity).includes(name));
  if (matches.length === 1) return {kind: 'one', value: matches[0]!};
  if (matches.length > 1) return {kind: 'many', candidates: matches};
  return {
    kind: 'none',
    message: `Unknown entity "${name}". Known: ${entities.length ? entities.map((e) => e.entity).join(', ') : 'none (the DLQ pane has no data yet)'}.`,
  };
}
