// Team-visible changes: every write the cockpit makes through Kubernetes says who, from where, why and for which
// incident, where Kubernetes users look: the `kubernetes.io/change-cause` annotation (`kubectl rollout history`)
// and a core/v1 Event on the object (`kubectl get events`, k9s). The Events are read back for the journal view.
import {randomBytes} from 'node:crypto';
import {hostname, userInfo} from 'node:os';
import type {ChangeNote, RunControl, TeamAction} from '../sources/types.js';
import {sanitizeLine} from '../text/sanitize.js';
import type {RegionClient} from './client.js';
import {kubeError} from './client.js';
import {annotationsOf, nameOf, namespaceOf, str, time, uidOf, type KubeJson} from './json.js';
import {goJson} from './undo.js';

export const CHANGE_CAUSE = 'kubernetes.io/change-cause';
/** Event.source.component and reportingComponent of every cockpit Event. */
export const COMPONENT = 'atp-cockpit';
/** Structured copies of the note on the Event (the message is for people). */
export const NOTE_ANNOTATIONS = {
  by: 'atp-cockpit/by',
  host: 'atp-cockpit/host',
  action: 'atp-cockpit/action',
  reason: 'atp-cockpit/reason',
  incident: 'atp-cockpit/incident',
  id: 'atp-cockpit/action-id',
};

/** Event reasons per action (CamelCase, as Kubernetes reasons are). */
export const EVENT_REASONS: Readonly<Record<string, string>> = {
  restart: 'AtpCockpitRestart',
  scale: 'AtpCockpitScale',
  rollback: 'AtpCockpitRollback',
  freeze: 'AtpCockpitFreeze',
  unfreeze: 'AtpCockpitUnfreeze',
};

const clean = (s: string, max: number) => sanitizeLine(s).slice(0, max);

/** The process's own user and host: the note when the caller gives none. */
export function defaultNote(env: NodeJS.ProcessEnv, reason = ''): ChangeNote {
  let by = env['USER'] ?? env['LOGNAME'] ?? 'unknown';
  try {
    by = userInfo().username;
  } catch {
    // no passwd entry (containers): keep the environment's name
  }
  return {by, host: hostname(), reason};
}

/** A note with every field sanitised and bounded (it ends up in annotations and Event messages). */
export function cleanNote(note: ChangeNote): ChangeNote {
  const incident = note.incident ? clean(note.incident, 64) : '';
  const id = note.id ? clean(note.id, 64) : '';
  const who = {by: clean(note.by, 64) || 'unknown', host: clean(note.host, 128) || 'unknown'};
  return {...who, reason: clean(note.reason, 300), ...(incident ? {incident} : {}), ...(id ? {id} : {})};
}

/** `alice@jump-2 via atp-cockpit: restart deployment/ingestion; reason: stuck consumers; incident INC-42`. */
export function changeCause(what: string, note: ChangeNote): string {
  const n = cleanNote(note);
  return `${n.by}@${n.host} via ${COMPONENT}: ${clean(what, 200)}${n.reason ? `; reason: ${n.reason}` : ''}${n.incident ? `; incident ${n.incident}` : ''}`;
}

/** The core/v1 Event a cockpit change leaves on `object` (as the API served it; a Deployment unless it says otherwise). */
export function changeEvent(action: string, object: KubeJson, detail: string, note: ChangeNote, at: Date): KubeJson {
  const n = cleanNote(note);
  const name = nameOf(object);
  const ts = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    kind: 'Event',
    apiVersion: 'v1',
    metadata: {
      name: `${name}.${at.getTime().toString(16)}${randomBytes(4).toString('hex')}`,
      namespace: namespaceOf(object),
      annotations: {
        [NOTE_ANNOTATIONS.action]: action,
        [NOTE_ANNOTATIONS.by]: n.by,
        [NOTE_ANNOTATIONS.host]: n.host,
        ...(n.incident ? {[NOTE_ANNOTATIONS.incident]: n.incident} : {}),
        ...(n.id ? {[NOTE_ANNOTATIONS.id]: n.id} : {}),
        [NOTE_ANNOTATIONS.reason]: n.reason,
      },
    },
    involvedObject: {
      kind: str(object, 'kind') || 'Deployment',
      namespace: namespaceOf(object),
      name,
      uid: uidOf(object),
      apiVersion: str(object, 'apiVersion') || 'apps/v1',
      resourceVersion: str(object, 'metadata.resourceVersion'),
    },
    reason: EVENT_REASONS[action] ?? 'AtpCockpitChange',
    message: changeCause(detail, n),
    source: {component: COMPONENT, host: n.host},
    firstTimestamp: ts,
    lastTimestamp: ts,
    count: 1,
    type: 'Normal',
    eventTime: null,
    reportingComponent: COMPONENT,
    reportingInstance: n.host,
  };
}

/**
 * Posts the Event. The change itself is done by then, so a failure here (RBAC without `create events`) is
 * reported as a progress step rather than failing the action; read-only refusals still propagate.
 */
export async function recordChange(client: RegionClient, event: KubeJson, run: RunControl): Promise<boolean> {
  const namespace = namespaceOf(event);
  try {
    const options = client.exactBody({signal: run.signal, timeoutMs: 15_000}, goJson(event), 'application/json');
    await client.core.createNamespacedEvent({namespace, body: event as never}, options);
    return true;
  } catch (error) {
    const e = kubeError(error, `create event -n ${namespace}`);
    if (e.name === 'ReadOnlyError') throw e;
    run.progress({kind: 'step', message: `the change is made, but its Event was not recorded: ${e.message}`});
    return false;
  }
}

/** A cockpit Event read back as a team action; undefined for any other Event. */
export function teamAction(event: KubeJson, region: string, service?: string): TeamAction | undefined {
  if (str(event, 'reportingComponent') !== COMPONENT && str(event, 'source.component') !== COMPONENT) return undefined;
  const a = annotationsOf(event);
  const incident = a[NOTE_ANNOTATIONS.incident];
  const id = a[NOTE_ANNOTATIONS.id];
  return {
    at: time(event, 'lastTimestamp') ?? time(event, 'eventTime') ?? time(event, 'firstTimestamp') ?? 0,
    by: clean(a[NOTE_ANNOTATIONS.by] ?? '', 64) || 'unknown',
    host: clean(a[NOTE_ANNOTATIONS.host] ?? (str(event, 'reportingInstance') || str(event, 'source.host')), 128) || 'unknown',
    action: clean(a[NOTE_ANNOTATIONS.action] ?? str(event, 'reason'), 32),
    object: clean(`${str(event, 'involvedObject.kind').toLowerCase()}/${str(event, 'involvedObject.name')} -n ${str(event, 'involvedObject.namespace')}`, 200),
    region,
    ...(service ? {service} : {}),
    reason: clean(a[NOTE_ANNOTATIONS.reason] ?? '', 300),
    ...(incident ? {incident: clean(incident, 64)} : {}),
    message: clean(str(event, 'message'), 500),
    ...(id ? {id: clean(id, 64)} : {}),
  };
}
