// A minimal /openapi/v3: enough for kubectl's "does the server validate fields?" probe (apply/edit/create).
import {groupVersions, RESOURCES, type ResourceDef} from './resources.js';
import type {JsonObject} from './types.js';

const HASH = '0000000000000000000000000000000000000000000000000000000000000000';

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

/** GET /openapi/v3: the index of per-group-version documents. */
export function openapiIndex(): JsonObject {
  const paths: JsonObject = {};
  for (const gv of groupVersions()) {
    const p = gvPath(gv.group, gv.version);
    paths[p] = {serverRelativeURL: `/openapi/v3/${p}?hash=${HASH}`};
  }
  return {paths};
}

function patchOperation(r: ResourceDef): JsonObject {
  return {
    operationId: `patch${r.kind}`,
    parameters: ['dryRun', 'fieldManager', 'fieldValidation', 'force'].map((name) => ({
      name,
      in: 'query',
      schema: {type: name === 'force' ? 'boolean' : 'string', uniqueItems: true},
    })),
    'x-kubernetes-action': 'patch',
    'x-kubernetes-group-version-kind': {group: r.group, version: r.version, kind: r.kind},
  };
}

/**
 * GET /openapi/v3/api/v1 or /openapi/v3/apis/{g}/{v}: only PATCH operations advertising the
 * fieldValidation parameter (so kubectl leaves validation to the server); no schemas.
 */
export function openapiGroupVersion(path: string): JsonObject | undefined {
  const gv = groupVersions().find((x) => `/openapi/v3/${gvPath(x.group, x.version)}` === path);
  if (!gv) return undefined;
  const paths: JsonObject = {};
  for (const r of RESOURCES.filter((x) => x.group === gv.group && x.version === gv.version)) {
    const base = `/${gvPath(r.group, r.version)}${r.namespaced ? '/namespaces/{namespace}' : ''}/${r.resource}/{name}`;
    paths[base] = {patch: patchOperation(r)};
  }
  return {openapi: '3.0.0', info: {title: 'Kubernetes', version: 'v1.32.4'}, paths, components: {schemas: {}}};
}
