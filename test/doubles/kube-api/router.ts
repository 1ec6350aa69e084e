// URL parsing: which resource, namespace, name and subresource a request path addresses.
import {findResource, type ResourceDef} from './resources.js';

/** A request path resolved to a resource (or collection) of the API. */
export interface ResourcePath {
  def: ResourceDef;
  namespace?: string;
  name?: string;
  subresource?: string;
  /** Legacy /watch/ prefix was used. */
  watchPrefix: boolean;
}

/** Parses `/api/v1/...` and `/apis/{group}/{version}/...`; undefined if it is no resource path. */
export function parseResourcePath(pathname: string): ResourcePath | undefined {
  const segs = pathname
    .split('/')
    .filter((s) => s !== '')
    .map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (segs[0] === 'api' && segs.length >= 3) {
    group = '';
    version = segs[1]!;
    rest = segs.slice(2);
  } else if (segs[0] === 'apis' && segs.length >= 4) {
    group = segs[1]!;
    version = segs[2]!;
    rest = segs.slice(3);
  } else return undefined;

  const watchPrefix = rest[0] === 'watch';
  if (watchPrefix) rest = rest.slice(1);
  const nsScoped = rest[0] === 'namespaces' && rest.length >= 3 ? findResource(group, version, rest[2]!) : undefined;
  if (nsScoped?.namespaced) {
    if (rest.length > 5) return undefined;
    return {def: nsScoped, namespace: rest[1]!, name: rest[3], subresource: rest[4], watchPrefix};
  }
  const def = rest[0] ? findResource(group, version, rest[0]) : undefined;
  if (!def || rest.length > 3) return undefined;
  if (def.namespaced && rest.length > 1) return undefined; // a namespaced object needs /namespaces/{ns}/
  return {def, name: rest[1], subresource: rest[2], watchPrefix};
}
