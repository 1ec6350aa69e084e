// The resource types the double serves, with the metadata that discovery and routing need.

/** Static description of one served resource type. */
export interface ResourceDef {
  group: string; // '' for the core group
  version: string;
  resource: string; // plural, as in URLs
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  /** Has a /status subresource (status is then ignored on main-resource writes). */
  status: boolean;
  /** Has a /scale subresource. */
  scale: boolean;
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function def(group: string, version: string, resource: string, kind: string, extra: Partial<ResourceDef> = {}): ResourceDef {
  return {
    group,
    version,
    resource,
    kind,
    singular: kind.toLowerCase(),
    namespaced: true,
    shortNames: [],
    categories: [],
    status: false,
    scale: false,
    ...extra,
  };
}

/** Every resource type the double knows, in discovery order. */
export const RESOURCES: readonly ResourceDef[] = [
  def('', 'v1', 'namespaces', 'Namespace', {namespaced: false, shortNames: ['ns'], status: true}),
  def('', 'v1', 'nodes', 'Node', {namespaced: false, shortNames: ['no'], status: true}),
  def('', 'v1', 'pods', 'Pod', {shortNames: ['po'], categories: ['all'], status: true}),
  def('', 'v1', 'events', 'Event', {shortNames: ['ev']}),
  def('', 'v1', 'secrets', 'Secret'),
  def('', 'v1', 'configmaps', 'ConfigMap', {shortNames: ['cm']}),
  def('apps', 'v1', 'deployments', 'Deployment', {shortNames: ['deploy'], categories: ['all'], status: true, scale: true}),
  def('apps', 'v1', 'replicasets', 'ReplicaSet', {shortNames: ['rs'], categories: ['all'], status: true, scale: true}),
  def('autoscaling', 'v2', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', {shortNames: ['hpa'], categories: ['all'], status: true}),
  def('batch', 'v1', 'cronjobs', 'CronJob', {shortNames: ['cj'], categories: ['all'], status: true}),
  def('batch', 'v1', 'jobs', 'Job', {categories: ['all'], status: true}),
  def('kustomize.toolkit.fluxcd.io', 'v1', 'kustomizations', 'Kustomization', {shortNames: ['ks'], status: true}),
  def('helm.toolkit.fluxcd.io', 'v2', 'helmreleases', 'HelmRelease', {shortNames: ['hr'], status: true}),
];

/** Verbs advertised for a resource. */
export function verbsOf(d: ResourceDef): string[] {
  return d.resource === 'namespaces' ? ALL_VERBS.filter((v) => v !== 'deletecollection') : ALL_VERBS;
}

/** "apps/v1" or "v1" for the core group. */
export function apiVersionOf(d: ResourceDef): string {
  return d.group ? `${d.group}/${d.version}` : d.version;
}

/** Finds the resource served at /apis/{group}/{version}/{resource}. */
export function findResource(group: string, version: string, resource: string): ResourceDef | undefined {
  return RESOURCES.find((r) => r.group === group && r.version === version && r.resource === resource);
}

/** Finds the resource for an object's apiVersion + kind. */
export function resourceForKind(apiVersion: string, kind: string): ResourceDef | undefined {
  return RESOURCES.find((r) => apiVersionOf(r) === apiVersion && r.kind === kind);
}

/** Looks a resource up by plural name alone (unique among the served types). */
export function resourceByName(resource: string): ResourceDef {
  const found = RESOURCES.find((r) => r.resource === resource);
  if (!found) throw new Error(`kube-api double: unknown resource ${resource}`);
  return found;
}

/** The distinct group/versions, core first. */
export function groupVersions(): Array<{group: string; version: string}> {
  const seen = new Map<string, {group: string; version: string}>();
  for (const r of RESOURCES) seen.set(apiVersionOf(r), {group: r.group, version: r.version});
  return [...seen.values()];
}

/** "deployments.apps" / "pods": how the API server names a resource in error messages. */
export function qualifiedName(d: ResourceDef): string {
  return d.group ? `${d.resource}.${d.group}` : d.resource;
}
