// Column definitions and cell values per kind, mirroring kubernetes/pkg/printers/internalversion.
import type {ResourceDef} from './resources.js';
import {humanDuration, since} from './duration.js';
import {getPath, isObject, num, objects, str, type KubeObject} from './types.js';

/** One Table column and how to compute its cell. */
export interface Column {
  name: string;
  type: 'string' | 'integer' | 'date';
  priority?: number;
  description?: string;
  cell: (o: KubeObject, now: Date) => unknown;
}

const col = (name: string, type: Column['type'], cell: Column['cell'], priority = 0): Column => ({name, type, cell, priority});
const name = col('Name', 'string', (o) => o.metadata.name ?? '');
const age = col('Age', 'string', (o, now) => since(o.metadata.creationTimestamp, now));
const containersOf = (o: KubeObject, path: string) => objects(getPath(o, path), 'containers');

function selectorString(sel: unknown): string {
  if (!isObject(sel)) return '<none>';
  const parts: string[] = [];
  const ml = sel['matchLabels'];
  if (isObject(ml)) for (const [k, v] of Object.entries(ml)) parts.push(`${k}=${String(v)}`);
  return parts.length ? parts.join(',') : '<none>';
}

const wide = (specPath: string): Column[] => [
  col(
    'Containers',
    'string',
    (o) =>
      containersOf(o, specPath)
        .map((c) => str(c, 'name'))
        .join(','),
    1,
  ),
  col(
    'Images',
    'string',
    (o) =>
      containersOf(o, specPath)
        .map((c) => str(c, 'image'))
        .join(','),
    1,
  ),
  col('Selector', 'string', (o) => selectorString(getPath(o, 'spec.selector')), 1),
];

/** printPod's STATUS column logic. */
export function podStatusReason(o: KubeObject): string {
  const status = getPath(o, 'status');
  let reason = str(status, 'reason') || str(status, 'phase');
  let hasRunning = false;
  for (const cs of objects(status, 'containerStatuses').reverse()) {
    const state = cs['state'];
    const waiting = getPath(state, 'waiting');
    const terminated = getPath(state, 'terminated');
    if (str(waiting, 'reason')) reason = str(waiting, 'reason');
    else if (str(terminated, 'reason')) reason = str(terminated, 'reason');
    else if (isObject(terminated)) reason = `ExitCode:${num(terminated, 'exitCode')}`;
    else if (cs['ready'] === true && isObject(getPath(state, 'running'))) hasRunning = true;
  }
  if (reason === 'Completed' && hasRunning) {
    const ready = objects(status, 'conditions').some((c) => c['type'] === 'Ready' && c['status'] === 'True');
    reason = ready ? 'Running' : 'NotReady';
  }
  if (o.metadata.deletionTimestamp && !['Succeeded', 'Failed'].includes(str(status, 'phase'))) reason = 'Terminating';
  return reason;
}

function podRestarts(o: KubeObject, now: Date): string {
  let restarts = 0;
  let last = 0;
  for (const cs of objects(getPath(o, 'status'), 'containerStatuses')) {
    restarts += num(cs, 'restartCount');
    const finished = str(getPath(cs, 'lastState.terminated'), 'finishedAt');
    if (finished) last = Math.max(last, Date.parse(finished));
  }
  return restarts && last ? `${restarts} (${humanDuration(now.getTime() - last)} ago)` : String(restarts);
}

function readyCondition(o: KubeObject, field: 'status' | 'message'): string {
  const c = objects(getPath(o, 'status'), 'conditions').find((x) => x['type'] === 'Ready');
  return c ? str(c, field) : '';
}

const COLUMNS: Record<string, Column[]> = {
  deployments: [
    name,
    col('Ready', 'string', (o) => `${num(o['status'], 'readyReplicas')}/${num(o['spec'], 'replicas')}`),
    col('Up-to-date', 'integer', (o) => num(o['status'], 'updatedReplicas')),
    col('Available', 'integer', (o) => num(o['status'], 'availableReplicas')),
    age,
    ...wide('spec.template.spec'),
  ],
  replicasets: [
    name,
    col('Desired', 'integer', (o) => num(o['spec'], 'replicas')),
    col('Current', 'integer', (o) => num(o['status'], 'replicas')),
    col('Ready', 'integer', (o) => num(o['status'], 'readyReplicas')),
    age,
    ...wide('spec.template.spec'),
  ],
  pods: [
    name,
    col('Ready', 'string', (o) => {
      const statuses = objects(getPath(o, 'status'), 'containerStatuses');
      const ready = statuses.filter((c) => c['ready'] === true && isObject(getPath(c, 'state.running'))).length;
      return `${ready}/${containersOf(o, 'spec').length}`;
    }),
    col('Status', 'string', podStatusReason),
    col('Restarts', 'string', podRestarts),
    age,
    col('IP', 'string', (o) => str(o['status'], 'podIP') || '<none>', 1),
    col('Node', 'string', (o) => str(o['spec'], 'nodeName') || '<none>', 1),
    col('Nominated Node', 'string', (o) => str(o['status'], 'nominatedNodeName') || '<none>', 1),
    col('Readiness Gates', 'string', () => '<none>', 1),
  ],
  events: [
    col('Last Seen', 'string', (o, now) => since(o['lastTimestamp'] ?? o['eventTime'], now)),
    col('Type', 'string', (o) => str(o, 'type')),
    col('Reason', 'string', (o) => str(o, 'reason')),
    col('Object', 'string', (o) => `${str(o['involvedObject'], 'kind').toLowerCase()}/${str(o['involvedObject'], 'name')}`),
    col('Subobject', 'string', (o) => str(o['involvedObject'], 'fieldPath'), 1),
    col('Source', 'string', (o) => [str(o['source'], 'component'), str(o['source'], 'host')].filter(Boolean).join(', '), 1),
    col('Message', 'string', (o) => str(o, 'message').trim()),
    col('First Seen', 'string', (o, now) => since(o['firstTimestamp'] ?? o['eventTime'], now), 1),
    col('Count', 'integer', (o) => num(o, 'count'), 1),
    col('Name', 'string', (o) => o.metadata.name ?? '', 1),
  ],
  secrets: [name, col('Type', 'string', (o) => str(o, 'type')), col('Data', 'integer', (o) => Object.keys(isObject(o['data']) ? o['data'] : {}).length), age],
  configmaps: [name, col('Data', 'integer', (o) => Object.keys(isObject(o['data']) ? o['data'] : {}).length), age],
  namespaces: [name, col('Status', 'string', (o) => str(o['status'], 'phase')), age],
  nodes: [
    name,
    col('Status', 'string', (o) => (readyCondition(o, 'status') === 'True' ? 'Ready' : 'NotReady')),
    col('Roles', 'string', () => '<none>'),
    age,
    col('Version', 'string', (o) => str(getPath(o, 'status.nodeInfo'), 'kubeletVersion')),
  ],
  cronjobs: [
    name,
    col('Schedule', 'string', (o) => str(o['spec'], 'schedule')),
    col('Timezone', 'string', (o) => str(o['spec'], 'timeZone') || '<none>'),
    col('Suspend', 'string', (o) => (getPath(o, 'spec.suspend') === true ? 'True' : 'False')),
    col('Active', 'integer', (o) => objects(o['status'], 'active').length),
    col('Last Schedule', 'string', (o, now) => (str(o['status'], 'lastScheduleTime') ? since(str(o['status'], 'lastScheduleTime'), now) : '<none>')),
    age,
    ...wide('spec.jobTemplate.spec.template.spec'),
  ],
  jobs: [
    name,
    col('Status', 'string', (o) => (num(o['status'], 'succeeded') > 0 ? 'Complete' : 'Running')),
    col('Completions', 'string', (o) => `${num(o['status'], 'succeeded')}/${num(o['spec'], 'completions', 1)}`),
    col('Duration', 'string', () => '<none>'),
    age,
  ],
};

/** CRD-style columns (additionalPrinterColumns of the Flux CRDs). */
const FLUX_COLUMNS: Column[] = [
  name,
  col('Age', 'date', (o, now) => since(o.metadata.creationTimestamp, now)),
  col('Ready', 'string', (o) => readyCondition(o, 'status')),
  col('Status', 'string', (o) => readyCondition(o, 'message')),
];

/** Columns for a resource type (Name/Age for anything unknown). */
export function cellsFor(d: ResourceDef): Column[] {
  return COLUMNS[d.resource] ?? (d.group.endsWith('fluxcd.io') ? FLUX_COLUMNS : [name, age]);
}
