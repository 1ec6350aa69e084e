// metav1.LabelSelector: matching pods to their deployment, and the query string form for list calls.
import {isRecord, records, stringMap} from './json.js';

interface Requirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values: readonly string[];
}

/** The requirements of a LabelSelector (matchLabels + matchExpressions); undefined when it cannot be read. */
export function requirements(selector: unknown): Requirement[] | undefined {
  if (!isRecord(selector)) return undefined;
  const out: Requirement[] = Object.entries(stringMap(selector, 'matchLabels')).map(([key, v]) => ({key, operator: 'In', values: [v]}));
  for (const e of records(selector, 'matchExpressions')) {
    const key = e['key'];
    const operator = e['operator'];
    if (typeof key !== 'string' || (operator !== 'In' && operator !== 'NotIn' && operator !== 'Exists' && operator !== 'DoesNotExist')) return undefined;
    const values = Array.isArray(e['values']) ? e['values'].filter((x): x is string => typeof x === 'string') : [];
    out.push({key, operator, values});
  }
  return out;
}

/** True when `labels` satisfy `selector`. An empty or unreadable selector matches nothing (never every pod). */
export function selectorMatches(selector: unknown, labels: Readonly<Record<string, string>>): boolean {
  const reqs = requirements(selector);
  if (!reqs || reqs.length === 0) return false;
  return reqs.every((r) => {
    const v = labels[r.key];
    switch (r.operator) {
      case 'In':
        return v !== undefined && r.values.includes(v);
      case 'NotIn':
        return v === undefined || !r.values.includes(v);
      case 'Exists':
        return v !== undefined;
      case 'DoesNotExist':
        return v === undefined;
    }
  });
}

/** The selector as `labelSelector` query text (`app=x,tier in (a,b)`), as kubectl sends it. */
export function selectorString(selector: unknown): string | undefined {
  const reqs = requirements(selector);
  if (!reqs || reqs.length === 0) return undefined;
  return reqs
    .map((r) => {
      if (r.operator === 'Exists') return r.key;
      if (r.operator === 'DoesNotExist') return `!${r.key}`;
      if (r.operator === 'In' && r.values.length === 1) return `${r.key}=${r.values[0]}`;
      return `${r.key} ${r.operator === 'In' ? 'in' : 'notin'} (${[...r.values].sort().join(',')})`;
    })
    .join(',');
}
