// Server-side printing: meta.k8s.io/v1 Table responses with the columns kubectl shows for each kind.
import type {ResourceDef} from './resources.js';
import {cellsFor} from './table-cells.js';
import type {JsonObject, KubeObject} from './types.js';

/** `?includeObject=` of a Table request. */
export type IncludeObject = 'None' | 'Metadata' | 'Object';

function rowObject(o: KubeObject, include: IncludeObject): JsonObject | undefined {
  if (include === 'None') return undefined;
  if (include === 'Object') return o;
  return {kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata};
}

/** Builds a Table for the objects of one resource type. */
export function toTable(d: ResourceDef, items: KubeObject[], now: Date, include: IncludeObject, resourceVersion?: string): JsonObject {
  const columns = cellsFor(d);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: resourceVersion ? {resourceVersion} : {},
    columnDefinitions: columns.map((c) => ({
      name: c.name,
      type: c.type,
      format: c.name === 'Name' ? 'name' : '',
      description: c.description ?? c.name,
      priority: c.priority ?? 0,
    })),
    rows: items.map((o) => {
      const object = rowObject(o, include);
      return {cells: columns.map((c) => c.cell(o, now)), ...(object ? {object} : {})};
    }),
  };
}

/** Parses an Accept header: does the client want a meta.k8s.io Table? */
export function wantsTable(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((part) => {
    const params = part.split(';').map((p) => p.trim());
    return params.includes('as=Table') && params.includes('g=meta.k8s.io') && params.includes('v=v1');
  });
}
