// The changes any cockpit made on this context's objects (issue 16, "Actions the whole team can see"), read back
// from their Events: those on the services' Deployments from the Event caches the health pane already keeps, and
// those on the freeze objects. A freeze object usually lives where no cache watches (Flux's flux-system, ATP's
// atp-system), so each team reading also lists the cockpit's Events of those namespaces: one bounded GET per
// namespace and region, on the team poller's cadence (src/data/session.ts), never a watch or a timer of its own.
import {FREEZE_KINDS, type FreezeKind, type TeamAction} from '../sources/types.js';
import {COMPONENT, teamAction} from './change.js';
import type {KubeSourceConfig} from './config.js';
import {records, str, type KubeJson} from './json.js';
import type {RegionWatch} from './region.js';

/** One list of a namespace's Events may take this long: inside the team poller's 10 s timeout. */
export const LIST_TIMEOUT_MS = 8_000;
/** A reading keeps the newest this many changes (Kubernetes keeps Events about an hour). */
const KEEP = 100;

/** What the team reader needs from the source. */
export interface TeamDeps {
  readonly config: KubeSourceConfig;
  readonly regions: readonly RegionWatch[];
  /** The namespaces whose Events the health pane's caches watch (the services' namespaces). */
  readonly watched: readonly string[];
  /** Waits for the caches, and throws when they cannot be trusted (the source's own check). */
  trusted(signal: AbortSignal): Promise<void>;
}

const objectKey = (kind: string, ns: string, name: string) => `${kind}/${ns}/${name}`;
const involved = (e: KubeJson) => objectKey(str(e, 'involvedObject.kind'), str(e, 'involvedObject.namespace'), str(e, 'involvedObject.name'));

/** Builds `recent` of the TeamVisible capability: newest first. */
export function teamReader(deps: TeamDeps): (signal: AbortSignal) => Promise<readonly TeamAction[]> {
  const {config, regions, watched} = deps;
  // An object belongs to one freeze only (config.ts refuses more), so its Events say which freeze they were.
  const freezeOf = new Map<string, FreezeKind>();
  for (const kind of FREEZE_KINDS) for (const t of config.freeze[kind]) freezeOf.set(objectKey(t.kind, t.namespace, t.name), kind);
  const unwatched = [...new Set(FREEZE_KINDS.flatMap((k) => config.freeze[k].map((t) => t.namespace)))].filter((ns) => !watched.includes(ns)).sort();
  // The last good list per region and namespace: a slow or refused read keeps what was seen rather than making a
  // colleague's freeze vanish from `J` and from the confirmations until the next reading.
  const last = new Map<string, readonly KubeJson[]>();

  // The service an Event's Deployment belongs to, so a plan can find colleagues' changes on its own target.
  const serviceOf = (e: KubeJson) =>
    config.services.find((s) => config.namespaceOf(s) === str(e, 'involvedObject.namespace') && config.deploymentOf(s) === str(e, 'involvedObject.name'));
  const toAction = (e: KubeJson, region: string): TeamAction[] => {
    const found = teamAction(e, region, serviceOf(e));
    if (!found) return [];
    const freeze = freezeOf.get(involved(e));
    return [freeze ? {...found, freeze} : found];
  };

  /** The cockpit's Events on freeze objects in `ns`: listed by a field selector, then kept to the freeze objects. */
  const freezeEvents = async (region: RegionWatch, ns: string, signal: AbortSignal): Promise<readonly KubeJson[]> => {
    const key = `${region.region}/${ns}`;
    const {client} = region;
    try {
      const list = await client.raw(
        `list events -n ${ns}`,
        (o) => client.core.listNamespacedEvent({namespace: ns, fieldSelector: `reportingComponent=${COMPONENT}`}, o),
        {signal, timeoutMs: LIST_TIMEOUT_MS},
      );
      const events = records(list, 'items').filter((e) => freezeOf.has(involved(e))) as KubeJson[];
      last.set(key, events);
      return events;
    } catch {
      return last.get(key) ?? [];
    }
  };

  return async (signal) => {
    await deps.trusted(signal);
    const cached = regions.flatMap((r) =>
      watched.flatMap((ns) =>
        r
          .namespace(ns)
          .events.items()
          .flatMap((e) => toAction(e, r.region)),
      ),
    );
    const listed = await Promise.all(
      regions.flatMap((r) => unwatched.map(async (ns) => (await freezeEvents(r, ns, signal)).flatMap((e) => toAction(e, r.region)))),
    );
    return [...cached, ...listed.flat()].sort((a, b) => b.at - a.at).slice(0, KEEP);
  };
}
