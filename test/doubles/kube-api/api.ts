// REST semantics per verb: list/get/watch/create/update/patch/delete on a resolved resource path.
import type {Clock} from './clock.js';
import {ApiError, badRequest, notFound} from './errors.js';
import {applyJsonPatch, applyMergePatch, applyStrategicMergePatch} from './patch.js';
import {apiVersionOf, type ResourceDef} from './resources.js';
import type {ResourcePath} from './router.js';
import {scaleOf, withScale} from './scale.js';
import {parseFieldSelector, parseLabelSelector} from './selectors.js';
import type {DeleteOptions, Store} from './store.js';
import {toTable, wantsTable, type IncludeObject} from './tables.js';
import {isObject, type KubeObject} from './types.js';
import type {WatchRequest} from './watch.js';

/** A request after routing. */
export interface ApiRequest {
  method: string;
  path: ResourcePath;
  query: Record<string, string>;
  contentType?: string;
  accept?: string;
  body: unknown;
}

/** Either a JSON response or a watch stream to open. */
export type ApiResult = {status: number; body: unknown} | {watch: WatchRequest};

const PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'];

function include(q: Record<string, string>): IncludeObject {
  const v = q['includeObject'];
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

/** Built-in list items carry no apiVersion/kind on the wire (custom resources do). */
function listItem(d: ResourceDef, o: KubeObject): unknown {
  if (d.group.includes('.')) return o;
  const rest: Record<string, unknown> = {...o};
  delete rest['apiVersion'];
  delete rest['kind'];
  return rest;
}

function applyPatch(d: ResourceDef, current: unknown, contentType: string | undefined, body: unknown): unknown {
  const type = (contentType ?? '').split(';')[0]!.trim();
  if (!PATCH_TYPES.includes(type) || (type.includes('strategic') && d.group.includes('.'))) {
    const accepted = d.group.includes('.') ? PATCH_TYPES.slice(0, 2) : PATCH_TYPES;
    throw new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`);
  }
  if (type === 'application/json-patch+json') return applyJsonPatch(current, body);
  if (!isObject(body)) throw badRequest('the patch body must be a JSON object');
  return type === 'application/merge-patch+json' ? applyMergePatch(current, body) : applyStrategicMergePatch(current, body);
}

function checkName(obj: unknown, path: ResourcePath): KubeObject {
  if (!isObject(obj) || !isObject(obj['metadata'])) throw badRequest("Object 'metadata' is missing in request body");
  const o = obj as KubeObject;
  if (path.name && o.metadata.name && o.metadata.name !== path.name) {
    throw badRequest(`the name of the object (${o.metadata.name}) does not match the name on the URL (${path.name})`);
  }
  if (path.namespace && o.metadata.namespace && o.metadata.namespace !== path.namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  o.metadata.name ??= path.name;
  if (path.namespace) o.metadata.namespace = path.namespace;
  return o;
}

function deleteOptions(req: ApiRequest): DeleteOptions {
  const b = isObject(req.body) ? req.body : {};
  const pol = (b['propagationPolicy'] ?? req.query['propagationPolicy']) as DeleteOptions['propagationPolicy'];
  const dry = b['dryRun'] ?? req.query['dryRun'];
  const pre = isObject(b['preconditions']) ? (b['preconditions'] as DeleteOptions['preconditions']) : undefined;
  return {...(pol ? {propagationPolicy: pol} : {}), ...(dry ? {dryRun: true} : {}), ...(pre ? {preconditions: pre} : {})};
}

/** Executes one resource request against the store. */
export function handleResource(store: Store, clock: Clock, req: ApiRequest): ApiResult {
  const {def: d, namespace: ns, name, subresource: sub} = req.path;
  const q = req.query;
  const dryRun = q['dryRun'] === 'All';
  const labels = parseLabelSelector(q['labelSelector']);
  const fields = parseFieldSelector(d, q['fieldSelector']);
  const table = wantsTable(req.accept);
  const object = (status: number, o: KubeObject): ApiResult => ({status, body: table ? toTable(d, [o], clock.now(), include(q)) : o});
  if (sub && !(sub === 'status' && d.status) && !(sub === 'scale' && d.scale)) throw notFound(d, name ?? '');

  switch (req.method) {
    case 'GET': {
      if (name && sub === 'scale') return {status: 200, body: scaleOf(store.get(d, ns, name))};
      if (name) return object(200, store.get(d, ns, name));
      if (q['watch'] === 'true' || q['watch'] === '1' || req.path.watchPrefix) {
        const timeout = Number(q['timeoutSeconds'] ?? 0);
        return {
          watch: {
            def: d,
            ...(ns ? {namespace: ns} : {}),
            labels,
            fields,
            resourceVersion: q['resourceVersion'] ?? '',
            allowBookmarks: q['allowWatchBookmarks'] === 'true',
            sendInitialEvents: q['sendInitialEvents'] === 'true',
            ...(timeout > 0 ? {timeoutSeconds: timeout} : {}),
            ...(table ? {table: include(q)} : {}),
          },
        };
      }
      const items = store.list(d, ns, {labels, fields});
      const rv = String(store.rv);
      if (table) return {status: 200, body: toTable(d, items, clock.now(), include(q), rv)};
      return {
        status: 200,
        body: {kind: `${d.kind}List`, apiVersion: apiVersionOf(d), metadata: {resourceVersion: rv}, items: items.map((o) => listItem(d, o))},
      };
    }
    case 'POST': {
      if (name) throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
      return object(201, store.create(d, checkName(req.body, req.path), {dryRun}));
    }
    case 'PUT': {
      if (!name) throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
      if (sub === 'scale') return {status: 200, body: scaleOf(withScale(store, d, ns, name, req.body, dryRun))};
      const o = checkName(req.body, req.path);
      return object(200, store.update(d, o, {dryRun, ...(sub === 'status' ? {subresource: 'status' as const} : {})}));
    }
    case 'PATCH': {
      if (!name) throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
      const current = store.get(d, ns, name);
      if (sub === 'scale') {
        const patched = applyPatch(d, scaleOf(current), req.contentType, req.body);
        return {status: 200, body: scaleOf(withScale(store, d, ns, name, patched, dryRun))};
      }
      const patched = checkName(applyPatch(d, current, req.contentType, req.body), req.path);
      return object(200, store.update(d, patched, {dryRun, ...(sub === 'status' ? {subresource: 'status' as const} : {})}));
    }
    case 'DELETE': {
      const opts = {...deleteOptions(req), ...(dryRun ? {dryRun: true} : {})};
      if (!name) {
        const deleted = store.list(d, ns, {labels, fields}).map((o) => store.delete(d, o.metadata.namespace, o.metadata.name ?? '', opts));
        return {status: 200, body: {kind: `${d.kind}List`, apiVersion: apiVersionOf(d), metadata: {resourceVersion: String(store.rv)}, items: deleted}};
      }
      const deleted = store.delete(d, ns, name, opts);
      if (d.resource === 'pods' || d.group.includes('.')) return {status: 200, body: deleted};
      const details = {name, ...(d.group ? {group: d.group} : {}), kind: d.resource, uid: deleted.metadata.uid};
      return {status: 200, body: {kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details}};
    }
  }
  throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
}
