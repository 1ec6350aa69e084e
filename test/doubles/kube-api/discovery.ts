// Discovery documents: /version, legacy /api + /apis, and aggregated discovery (apidiscovery.k8s.io/v2).
import {groupVersions, RESOURCES, verbsOf, type ResourceDef} from './resources.js';
import type {JsonObject} from './types.js';

/** Content-Type that marks an aggregated discovery response (kubectl checks it). */
export const AGGREGATED_V2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/** The server version the double claims to be. */
export const VERSION_INFO = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.4',
  gitCommit: '59526cd4867447956156ae3a602fcbac10a2c335',
  gitTreeState: 'clean',
  buildDate: '2025-04-22T16:03:58Z',
  goVersion: 'go1.23.6',
  compiler: 'gc',
  platform: 'linux/amd64',
};

/** True if the Accept header asks for aggregated discovery v2. */
export function wantsAggregated(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((p) => p.includes('g=apidiscovery.k8s.io') && p.includes('v=v2') && !p.includes('v2beta1'));
}

const SUB_VERBS = ['get', 'patch', 'update'];

function legacyResources(group: string, version: string): JsonObject[] {
  const out: JsonObject[] = [];
  for (const r of RESOURCES.filter((x) => x.group === group && x.version === version)) {
    out.push({
      name: r.resource,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: verbsOf(r),
      ...(r.shortNames.length ? {shortNames: r.shortNames} : {}),
      ...(r.categories.length ? {categories: r.categories} : {}),
    });
    if (r.scale)
      out.push({name: `${r.resource}/scale`, singularName: '', namespaced: r.namespaced, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: SUB_VERBS});
    if (r.status) out.push({name: `${r.resource}/status`, singularName: '', namespaced: r.namespaced, kind: r.kind, verbs: SUB_VERBS});
  }
  return out;
}

/** GET /api/v1 or /apis/{group}/{version} (APIResourceList), undefined if not served. */
export function resourceList(group: string, version: string): JsonObject | undefined {
  if (!RESOURCES.some((r) => r.group === group && r.version === version)) return undefined;
  const groupVersion = group ? `${group}/${version}` : version;
  return {kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources: legacyResources(group, version)};
}

/** GET /api (legacy APIVersions). */
export function coreVersions(serverAddress: string): JsonObject {
  return {kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{clientCIDR: '0.0.0.0/0', serverAddress}]};
}

function apiGroup(name: string): JsonObject {
  const versions = groupVersions()
    .filter((gv) => gv.group === name)
    .map((gv) => ({groupVersion: `${gv.group}/${gv.version}`, version: gv.version}));
  return {name, versions, preferredVersion: versions[0]};
}

/** GET /apis (legacy APIGroupList). */
export function groupList(): JsonObject {
  const names = [
    ...new Set(
      groupVersions()
        .map((gv) => gv.group)
        .filter((g) => g !== ''),
    ),
  ];
  return {kind: 'APIGroupList', apiVersion: 'v1', groups: names.map(apiGroup)};
}

/** GET /apis/{group} (APIGroup), undefined if not served. */
export function groupDoc(name: string): JsonObject | undefined {
  if (!groupVersions().some((gv) => gv.group === name && name !== '')) return undefined;
  return {kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(name)};
}

function aggregatedResource(r: ResourceDef): JsonObject {
  const responseKind = {group: r.group, version: r.version, kind: r.kind};
  const subresources: JsonObject[] = [];
  if (r.scale) subresources.push({subresource: 'scale', responseKind: {group: 'autoscaling', version: 'v1', kind: 'Scale'}, verbs: SUB_VERBS});
  if (r.status) subresources.push({subresource: 'status', responseKind, verbs: SUB_VERBS});
  return {
    resource: r.resource,
    responseKind,
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singular,
    verbs: verbsOf(r),
    ...(r.shortNames.length ? {shortNames: r.shortNames} : {}),
    ...(r.categories.length ? {categories: r.categories} : {}),
    ...(subresources.length ? {subresources} : {}),
  };
}

/** GET /api or /apis with aggregated discovery: every group/version/resource in one document. */
export function aggregatedList(core: boolean): JsonObject {
  const groups = [...new Set(groupVersions().map((gv) => gv.group))].filter((g) => (core ? g === '' : g !== ''));
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: 'apidiscovery.k8s.io/v2',
    metadata: {},
    items: groups.map((g) => ({
      metadata: {...(g ? {name: g} : {}), creationTimestamp: null},
      versions: groupVersions()
        .filter((gv) => gv.group === g)
        .map((gv) => ({
          version: gv.version,
          resources: RESOURCES.filter((r) => r.group === gv.group && r.version === gv.version).map(aggregatedResource),
          freshness: 'Current',
        })),
    })),
  };
}
