// Label and field selectors with the syntax and the field support of the real API server.
import {badRequest} from './errors.js';
import type {ResourceDef} from './resources.js';
import {getPath, isObject, type KubeObject} from './types.js';

/** One parsed label requirement. */
export interface LabelRequirement {
  key: string;
  op: 'in' | 'notin' | 'exists' | '!' | '=' | '!=' | 'gt' | 'lt';
  values: string[];
}

function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** Parses `app=x,tier!=db,env in (a,b),!legacy`. */
export function parseLabelSelector(s: string | undefined): LabelRequirement[] {
  if (!s) return [];
  return splitTopLevel(s).map((term) => {
    const set = /^([^\s!=<>]+)\s+(in|notin)\s*\((.*)\)$/.exec(term);
    if (set) return {key: set[1]!, op: set[2] as 'in' | 'notin', values: set[3]!.split(',').map((v) => v.trim())};
    if (term.startsWith('!')) return {key: term.slice(1).trim(), op: '!', values: []};
    const cmp = /^([^\s!=<>]+)\s*(==|=|!=|>|<)\s*(.*)$/.exec(term);
    if (cmp) {
      const op = cmp[2] === '==' ? '=' : cmp[2] === '>' ? 'gt' : cmp[2] === '<' ? 'lt' : (cmp[2] as '=' | '!=');
      return {key: cmp[1]!, op, values: [cmp[3]!.trim()]};
    }
    if (/^[^\s!=<>(),]+$/.test(term)) return {key: term, op: 'exists', values: []};
    throw badRequest(`unable to parse requirement: found '${term}', expected: identifier`);
  });
}

/** Converts a spec.selector ({matchLabels, matchExpressions}) into requirements. */
export function fromLabelSelectorSpec(sel: unknown): LabelRequirement[] {
  if (!isObject(sel)) return [];
  const reqs: LabelRequirement[] = [];
  const ml = sel['matchLabels'];
  if (isObject(ml)) for (const [k, v] of Object.entries(ml)) reqs.push({key: k, op: '=', values: [String(v)]});
  const me = sel['matchExpressions'];
  for (const e of Array.isArray(me) ? me.filter(isObject) : []) {
    const op = String(e['operator']).toLowerCase();
    const values = Array.isArray(e['values']) ? e['values'].map(String) : [];
    const mapped = op === 'doesnotexist' ? '!' : (op as LabelRequirement['op']);
    reqs.push({key: String(e['key']), op: mapped, values});
  }
  return reqs;
}

/** True if the labels satisfy every requirement. */
export function matchesLabels(reqs: LabelRequirement[], labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return reqs.every((r) => {
    const has = Object.hasOwn(l, r.key);
    const v = l[r.key];
    switch (r.op) {
      case 'exists':
        return has;
      case '!':
        return !has;
      case '=':
      case 'in':
        return has && r.values.includes(v ?? '');
      case '!=':
      case 'notin':
        return !has || !r.values.includes(v ?? '');
      case 'gt':
        return has && Number(v) > Number(r.values[0]);
      case 'lt':
        return has && Number(v) < Number(r.values[0]);
    }
    return false;
  });
}

/** One parsed field requirement. */
export interface FieldRequirement {
  field: string;
  negate: boolean;
  value: string;
}

const COMMON_FIELDS = ['metadata.name', 'metadata.namespace'];
const FIELDS: Record<string, string[]> = {
  pods: [
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
  ],
  events: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  secrets: ['type'],
  namespaces: ['status.phase'],
  replicasets: ['status.replicas'],
  jobs: ['status.successful'],
  nodes: ['spec.unschedulable'],
};

/** Parses `metadata.name=x,involvedObject.kind!=Pod`, rejecting fields the real server rejects. */
export function parseFieldSelector(d: ResourceDef, s: string | undefined): FieldRequirement[] {
  if (!s) return [];
  const supported = [...COMMON_FIELDS, ...(FIELDS[d.resource] ?? [])];
  return splitTopLevel(s).map((term) => {
    const m = /^([^=!]+)(==|=|!=)(.*)$/.exec(term);
    if (!m) throw badRequest(`invalid selector: '${s}'; can't understand '${term}'`);
    const field = m[1]!.trim();
    if (!supported.includes(field)) throw badRequest(`field label not supported: ${field}`);
    return {field, negate: m[2] === '!=', value: m[3]!.trim()};
  });
}

/** True if the object satisfies every field requirement. */
export function matchesFields(reqs: FieldRequirement[], obj: KubeObject): boolean {
  return reqs.every((r) => {
    const path = r.field === 'source' ? 'source.component' : r.field;
    const raw = getPath(obj, path);
    const actual = raw === undefined || raw === null ? '' : String(raw);
    return r.negate ? actual !== r.value : actual === r.value;
  });
}
