// The `kubernetes` source's settings (contexts.NAME.sources.ID): parsed, defaulted and checked, with errors by key.
import {runbookNamespace} from '../readings/names.js';
import type {ResolvedSource} from '../config/context.js';
import {SourceError} from '../errors.js';
import {FREEZE_KINDS, type FreezeKind} from '../sources/types.js';
import {isRecord} from './json.js';

/** ATP's services (docs/kubernetes.md, "Configuration"). */
export const ATP_SERVICES = ['gateway', 'ingestion', 'query', 'projection', 'export', 'integrity', 'policy', 'search'] as const;

/** Kinds a freeze can act on: Flux objects and CronJobs by `spec.suspend`, a ConfigMap key by value. */
export const TARGET_KINDS = ['Kustomization', 'HelmRelease', 'CronJob', 'ConfigMap'] as const;
/** One of TARGET_KINDS. */
export type TargetKind = (typeof TARGET_KINDS)[number];

/** One object a freeze changes. `key`/`value` only for ConfigMap (the flag ATP reads). */
export interface FreezeTarget {
  readonly kind: TargetKind;
  readonly namespace: string;
  readonly name: string;
  readonly apiVersion?: string;
  readonly key?: string;
  readonly value?: string;
}

/** A region and the kube context that serves it (undefined: the kubeconfig's current context). */
export interface RegionConfig {
  readonly region: string;
  readonly kubeContext?: string;
}

/** The Helm release that deploys ATP, for `helm rollback` and release history. */
export interface HelmConfig {
  readonly release: string;
  readonly namespace: string;
  /** Services rolled back through Helm; undefined: those whose Deployment carries this release's Helm annotation. */
  readonly services?: readonly string[];
}

/** Everything the source needs, settled. */
export interface KubeSourceConfig {
  readonly id: string;
  readonly kubeconfig?: string;
  readonly regions: readonly RegionConfig[];
  readonly services: readonly string[];
  namespaceOf(service: string): string;
  deploymentOf(service: string): string;
  readonly helm?: HelmConfig;
  readonly freeze: Readonly<Record<FreezeKind, readonly FreezeTarget[]>>;
  readonly reconnect: {readonly minMs: number; readonly maxMs: number};
}

/** The runbook's freeze objects (section 17: freeze deployments; tamper: freeze purge/export). */
export const DEFAULT_FREEZE: Readonly<Record<FreezeKind, readonly FreezeTarget[]>> = {
  deployments: [
    {kind: 'Kustomization', namespace: 'flux-system', name: 'atp'},
    {kind: 'HelmRelease', namespace: 'atp-system', name: 'atp'},
  ],
  integrity: [
    {kind: 'CronJob', namespace: 'atp-system', name: 'atp-purge'},
    {kind: 'CronJob', namespace: 'atp-system', name: 'atp-export'},
  ],
  writes: [],
};

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

function fail(id: string, key: string, message: string): never {
  throw new SourceError('config', `sources.${id}.${key}: ${message}`);
}

function strings(id: string, key: string, v: unknown): string[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && x !== '')) fail(id, key, 'must be a list of names');
  return v as string[];
}

function stringRecord(id: string, key: string, v: unknown): Record<string, string> {
  if (v === undefined) return {};
  if (!isRecord(v) || !Object.values(v).every((x) => typeof x === 'string' && x !== ''))
    fail(id, key, 'must map names to names, e.g. {"ingestion": "atp-ingest-ns"}');
  return v as Record<string, string>;
}

function template(id: string, key: string, v: unknown, fallback: string): string {
  if (v === undefined) return fallback;
  if (typeof v !== 'string' || v === '') fail(id, key, `must be a name template such as "${fallback}"`);
  return v;
}

function regions(id: string, v: unknown): RegionConfig[] {
  if (v === undefined) return [];
  if (Array.isArray(v)) return (strings(id, 'kubeContexts', v) ?? []).map((c) => ({region: c, kubeContext: c}));
  return Object.entries(stringRecord(id, 'kubeContexts', v)).map(([region, kubeContext]) => ({region, kubeContext}));
}

function target(id: string, key: string, v: unknown): FreezeTarget {
  if (!isRecord(v)) fail(id, key, 'must be an object like {"kind": "CronJob", "namespace": "atp-system", "name": "atp-purge"}');
  const {kind, namespace, name, apiVersion, key: cmKey, value} = v;
  if (typeof kind !== 'string' || !(TARGET_KINDS as readonly string[]).includes(kind)) fail(id, `${key}.kind`, `must be one of ${TARGET_KINDS.join(', ')}`);
  if (typeof namespace !== 'string' || !DNS_LABEL.test(namespace)) fail(id, `${key}.namespace`, 'must be a namespace name');
  if (typeof name !== 'string' || !DNS_NAME.test(name)) fail(id, `${key}.name`, 'must be an object name');
  if (apiVersion !== undefined && (typeof apiVersion !== 'string' || !/^[a-z0-9.-]+\/v[0-9a-z]+$|^v1$/.test(apiVersion)))
    fail(id, `${key}.apiVersion`, 'must look like "kustomize.toolkit.fluxcd.io/v1"');
  if (kind === 'ConfigMap' && (typeof cmKey !== 'string' || cmKey === '' || typeof value !== 'string'))
    fail(id, key, 'a ConfigMap target needs "key" and "value" (the flag written while frozen)');
  return {
    kind: kind as TargetKind,
    namespace,
    name,
    ...(typeof apiVersion === 'string' ? {apiVersion} : {}),
    ...(kind === 'ConfigMap' ? {key: cmKey as string, value: value as string} : {}),
  };
}

function freeze(id: string, v: unknown): Record<FreezeKind, FreezeTarget[]> {
  if (v !== undefined && !isRecord(v)) fail(id, 'freeze', 'must be an object keyed by deployments, integrity and writes');
  const out = {} as Record<FreezeKind, FreezeTarget[]>;
  const seen = new Map<string, FreezeKind>();
  for (const kind of FREEZE_KINDS) {
    const list = v?.[kind];
    if (list !== undefined && !Array.isArray(list)) fail(id, `freeze.${kind}`, 'must be a list of objects');
    out[kind] = list === undefined ? [...DEFAULT_FREEZE[kind]] : list.map((t, i) => target(id, `freeze.${kind}[${i}]`, t));
    for (const t of out[kind]) {
      const k = `${t.kind}/${t.namespace}/${t.name}`;
      const other = seen.get(k);
      if (other) fail(id, `freeze.${kind}`, `${k} is already a target of the ${other} freeze; an object can belong to one freeze only`);
      seen.set(k, kind);
    }
  }
  return out;
}

function helm(id: string, v: unknown): HelmConfig | undefined {
  if (v === undefined) return undefined;
  if (!isRecord(v)) fail(id, 'helm', 'must be an object like {"release": "atp", "namespace": "atp-system"}');
  const release = v['release'] ?? 'atp';
  const namespace = v['namespace'] ?? 'atp-system';
  if (typeof release !== 'string' || !DNS_NAME.test(release)) fail(id, 'helm.release', 'must be a Helm release name');
  if (typeof namespace !== 'string' || !DNS_LABEL.test(namespace)) fail(id, 'helm.namespace', 'must be a namespace name');
  const services = strings(id, 'helm.services', v['services']);
  return {release, namespace, ...(services ? {services} : {})};
}

function seconds(id: string, key: string, v: unknown, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !(v > 0) || v > 3600) fail(id, key, 'must be a number of seconds between 0 and 3600');
  return v * 1000;
}

/** Reads the source settings; throws a SourceError('config') naming the bad key. */
export function parseKubeConfig(source: ResolvedSource): KubeSourceConfig {
  const id = source.id;
  const services = strings(id, 'services', source['services']) ?? [...ATP_SERVICES];
  for (const s of services) if (!DNS_LABEL.test(s)) fail(id, 'services', `"${s}" is not a valid service name`);
  const nsTemplate = template(id, 'namespace', source['namespace'], 'atp-{service}-ns');
  const depTemplate = template(id, 'deployment', source['deployment'], '{service}');
  const namespaces = stringRecord(id, 'namespaces', source['namespaces']);
  const deployments = stringRecord(id, 'deployments', source['deployments']);
  const fill = (t: string, service: string) => t.replaceAll('{service}', service);
  // With the default template, services keep the runbook's own spelling (ingestion lives in atp-ingest-ns).
  const defaultTemplate = source['namespace'] === undefined;
  const namespaceOf = (s: string) => namespaces[s] ?? (defaultTemplate ? runbookNamespace(s) : fill(nsTemplate, s));
  const deploymentOf = (s: string) => deployments[s] ?? fill(depTemplate, s);
  for (const s of services) {
    if (!DNS_LABEL.test(namespaceOf(s))) fail(id, 'namespace', `gives "${namespaceOf(s)}" for ${s}, which is not a namespace name`);
    if (!DNS_NAME.test(deploymentOf(s))) fail(id, 'deployment', `gives "${deploymentOf(s)}" for ${s}, which is not a deployment name`);
  }
  const kubeconfig = source['kubeconfig'];
  if (kubeconfig !== undefined && (typeof kubeconfig !== 'string' || kubeconfig === '')) fail(id, 'kubeconfig', 'must be a file path');
  const reconnect = isRecord(source['reconnect']) ? source['reconnect'] : {};
  const minMs = seconds(id, 'reconnect.minSeconds', reconnect['minSeconds'], 500);
  const maxMs = Math.max(minMs, seconds(id, 'reconnect.maxSeconds', reconnect['maxSeconds'], 30_000));
  return {
    id,
    ...(typeof kubeconfig === 'string' ? {kubeconfig} : {}),
    regions: regions(id, source['kubeContexts']),
    services,
    namespaceOf,
    deploymentOf,
    ...(source['helm'] !== undefined ? {helm: helm(id, source['helm'])} : {}),
    freeze: freeze(id, source['freeze']),
    reconnect: {minMs, maxMs},
  };
}
