// Freeze / unfreeze through the API: suspend the configured objects and record who, when, why and what changed
// on the objects themselves, so every cockpit sees the freeze and unfreeze restores exactly what it changed; an Event
// on each object says who froze or unfroze it and why (`kubectl get events`). No change-cause here: `kubectl rollout
// history` does not read these kinds, and unfreeze must leave the object exactly as it found it.
import {hostname} from 'node:os';
import {ReadOnlyError} from '../errors.js';
import {FREEZE_KINDS, type ChangeNote, type Freezable, type Freeze, type FreezeKind, type FreezeRequest, type RunControl} from '../sources/types.js';
import {changeEvent, recordChange} from './change.js';
import {sanitizeLine} from '../text/sanitize.js';
import {KubeApiError} from './client.js';
import type {FreezeTarget, KubeSourceConfig} from './config.js';
import {heldValue, holdPatch, isHeld, kubectlPatchLine, parseTargets, patchTarget, readTarget, targetLabel} from './freeze-objects.js';
import {annotationsOf, str, type KubeJson} from './json.js';
import type {RegionWatch} from './region.js';

const P = 'atp-cockpit.io/';
/** The annotations a freeze writes on each object it holds. */
export const FREEZE_ANNOTATIONS = {
  kind: `${P}frozen-kind`,
  by: `${P}frozen-by`,
  at: `${P}frozen-at`,
  reason: `${P}frozen-reason`,
  incident: `${P}frozen-incident`,
  changed: `${P}frozen-changed`,
  objects: `${P}frozen-objects`,
  previous: `${P}frozen-previous`,
} as const;
const A = FREEZE_ANNOTATIONS;
const OURS: ReadonlySet<string> = new Set(Object.values(A));
const CLEARED = Object.fromEntries([...OURS].map((k) => [k, null]));
const OPTS = {timeoutMs: 15_000};

/** The ConfigMap value recorded before the freeze (null: the key was absent). */
function previousValue(text: string | undefined): string | null {
  try {
    const v: unknown = JSON.parse(text ?? 'null');
    return typeof v === 'string' ? v : null;
  } catch {
    return null;
  }
}

/** The Events' note: FreezeRequest.by is `user@host` (src/actions/freeze.ts); a bare name is from this machine. */
function noteOf(request: FreezeRequest): ChangeNote {
  const at = request.by.lastIndexOf('@');
  const by = at > 0 ? request.by.slice(0, at) : request.by;
  const host = at > 0 ? request.by.slice(at + 1) : hostname();
  return {by, host, reason: request.reason, ...(request.incident ? {incident: request.incident} : {}), ...(request.id ? {id: request.id} : {})};
}

/** What the freeze capability needs from the source. */
export interface FreezeDeps {
  readonly config: KubeSourceConfig;
  readonly regions: readonly RegionWatch[];
  readonly readOnly: boolean;
  now(): number;
}

/** Builds the Freezable capability (kinds with no configured targets are left out). */
export function kubernetesFreeze(deps: FreezeDeps): Freezable {
  const {config, regions} = deps;
  const many = regions.length > 1;
  const label = (t: FreezeTarget, region: RegionWatch) => `${targetLabel(t)}${many ? ` @${region.region}` : ''}`;

  /** Patches one object with a resourceVersion precondition, re-reading on conflict; the object as patched, if it was. */
  async function guardedPatch(region: RegionWatch, t: FreezeTarget, build: (current: KubeJson) => object | undefined): Promise<KubeJson | undefined> {
    for (let attempt = 1; ; attempt++) {
      const current = await readTarget(region.client, t, OPTS);
      if (!current) throw new Error(`${label(t, region)} no longer exists`);
      const patch = build(current);
      if (!patch) return undefined;
      const rv = str(current, 'metadata.resourceVersion');
      const body = {...patch, metadata: {...((patch as {metadata?: object}).metadata ?? {}), ...(rv ? {resourceVersion: rv} : {})}};
      try {
        return await patchTarget(region.client, t, body, OPTS);
      } catch (error) {
        if (!(error instanceof KubeApiError && error.status === 409) || attempt >= 3) throw error;
      }
    }
  }

  async function freeze(kind: FreezeKind, request: FreezeRequest, run: RunControl): Promise<{objects: string[]}> {
    if (deps.readOnly) throw new ReadOnlyError(`freeze ${kind}`);
    const targets = config.freeze[kind];
    if (targets.length === 0) throw new Error(`no objects are configured for the ${kind} freeze`);
    // Look at everything first: a missing object anywhere means nothing is changed.
    const plans: {region: RegionWatch; t: FreezeTarget; change: boolean}[] = [];
    const missing: string[] = [];
    for (const region of regions) {
      for (const t of targets) {
        run.progress({kind: 'step', message: `reading ${label(t, region)}`});
        const obj = await readTarget(region.client, t, OPTS);
        if (!obj) missing.push(label(t, region));
        else if (annotationsOf(obj)[A.kind] && annotationsOf(obj)[A.kind] !== kind)
          throw new Error(`${label(t, region)} is held by the ${sanitizeLine(annotationsOf(obj)[A.kind] ?? '')} freeze`);
        else if (annotationsOf(obj)[A.kind] !== kind) plans.push({region, t, change: !isHeld(obj, t)});
      }
    }
    if (missing.length)
      throw new Error(`cannot freeze ${kind}: not found: ${missing.join(', ')} (check sources.${config.id}.freeze.${kind}); nothing was changed`);
    const stamp = {
      [A.kind]: kind,
      [A.by]: sanitizeLine(request.by).slice(0, 200),
      [A.at]: new Date(deps.now()).toISOString(),
      [A.reason]: sanitizeLine(request.reason).slice(0, 1000),
      ...(request.incident ? {[A.incident]: sanitizeLine(request.incident).slice(0, 200)} : {}),
    };
    const changed: string[] = [];
    for (const p of plans) {
      const recorded = JSON.stringify(plans.filter((q) => q.region === p.region && q.change).map((q) => q.t));
      run.progress({kind: 'step', message: `${p.change ? 'suspending' : 'recording the freeze on (already suspended)'} ${label(p.t, p.region)}`});
      let changedIt = false;
      let patched: KubeJson | undefined;
      try {
        patched = await guardedPatch(p.region, p.t, (current) => {
          const change = !isHeld(current, p.t);
          changedIt = change;
          const previous = p.t.kind === 'ConfigMap' ? {[A.previous]: JSON.stringify(heldValue(current, p.t))} : {};
          return {
            metadata: {annotations: {...stamp, ...previous, [A.changed]: String(change), [A.objects]: recorded}},
            ...(change ? holdPatch(p.t, true) : {}),
          };
        });
      } catch (error) {
        const done = changed.length ? `changed ${changed.join(', ')}; ` : '';
        const why = error instanceof Error ? error.message : String(error);
        throw new Error(`${kind} freeze incomplete: ${done}failed on ${label(p.t, p.region)}: ${why}. Unfreeze restores what was changed.`, {cause: error});
      }
      if (changedIt) changed.push(label(p.t, p.region));
      const held = label(p.t, p.region);
      const what = changedIt ? `${p.t.kind === 'ConfigMap' ? `set ${p.t.key}=${p.t.value} in` : 'suspend'} ${held}` : `hold ${held} (already suspended)`;
      const event = patched && changeEvent('freeze', patched, `freeze ${kind}: ${what}`, noteOf(request), new Date(deps.now()));
      if (event) await recordChange(p.region.client, event, run);
    }
    return {objects: changed};
  }

  async function unfreeze(kind: FreezeKind, request: FreezeRequest, run: RunControl): Promise<{objects: string[]}> {
    if (deps.readOnly) throw new ReadOnlyError(`unfreeze ${kind}`);
    const restored: string[] = [];
    const kept: string[] = [];
    for (const region of regions) {
      const seen = new Set<string>();
      const queue = [...config.freeze[kind]];
      for (let t = queue.shift(); t; t = queue.shift()) {
        const key = `${t.kind}/${t.namespace}/${t.name}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const obj = await readTarget(region.client, t, OPTS);
        const a = annotationsOf(obj);
        if (!obj || a[A.kind] !== kind) continue;
        queue.push(...parseTargets(a[A.objects]));
        const target = t;
        let resumed = false;
        run.progress({kind: 'step', message: `restoring ${label(target, region)}`});
        const patched = await guardedPatch(region, target, (current) => {
          const now = annotationsOf(current);
          if (now[A.kind] !== kind) return undefined;
          // Only what this freeze changed goes back, and only if nobody changed it since.
          const restore = now[A.changed] === 'true' && isHeld(current, target);
          resumed = restore;
          const previous = target.kind === 'ConfigMap' ? previousValue(now[A.previous]) : undefined;
          // When only the freeze's annotations are left, drop the map itself: the object had none before.
          const onlyOurs = Object.keys(now).every((k) => OURS.has(k));
          return {metadata: {annotations: onlyOurs ? null : CLEARED}, ...(restore ? holdPatch(target, false, previous) : {})};
        });
        (resumed ? restored : kept).push(label(target, region));
        const released = label(target, region);
        const what = resumed ? `${target.kind === 'ConfigMap' ? `restore ${target.key} in` : 'resume'} ${released}` : `release ${released} (left as it was)`;
        const event = patched && changeEvent('unfreeze', patched, `unfreeze ${kind}: ${what}`, noteOf(request), new Date(deps.now()));
        if (event) await recordChange(region.client, event, run);
      }
    }
    if (kept.length) run.progress({kind: 'step', message: `left untouched (held before the freeze, or already released): ${kept.join(', ')}`});
    return {objects: restored};
  }

  async function list(signal: AbortSignal): Promise<readonly Freeze[]> {
    const reads = regions.flatMap((region) =>
      FREEZE_KINDS.flatMap((kind) => config.freeze[kind].map(async (t) => ({region, t, obj: await readTarget(region.client, t, {signal, timeoutMs: 10_000})}))),
    );
    const settled = await Promise.allSettled(reads);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed && settled.every((s) => s.status === 'rejected')) throw failed.reason;
    const found = new Map<FreezeKind, Freeze>();
    for (const s of settled) {
      if (s.status !== 'fulfilled' || !s.value.obj) continue;
      const a = annotationsOf(s.value.obj);
      const kind = a[A.kind] as FreezeKind | undefined;
      if (!kind || !FREEZE_KINDS.includes(kind)) continue;
      const at = Date.parse(a[A.at] ?? '');
      const prior = found.get(kind);
      const objects = [...(prior?.objects ?? []), ...(a[A.changed] === 'true' ? [label(s.value.t, s.value.region)] : [])];
      const own = a[A.incident];
      const incident = own ? sanitizeLine(own) : prior?.incident;
      const mine = {by: sanitizeLine(a[A.by] ?? 'unknown'), at: Number.isFinite(at) ? at : 0, reason: sanitizeLine(a[A.reason] ?? '')};
      const base = prior && prior.at <= mine.at ? prior : {...mine, kind};
      found.set(kind, {...base, kind, objects, ...(incident ? {incident} : {})});
    }
    return [...found.values()];
  }

  const kinds = FREEZE_KINDS.filter((k) => config.freeze[k].length > 0);
  const where = regions.map((r) => r.region).join(', ');
  return {
    kinds,
    list,
    describe: (kind) => {
      const objects = config.freeze[kind].map((t) => `${t.kind} ${t.namespace}/${t.name}${t.kind === 'ConfigMap' ? ` (${t.key}=${t.value})` : ''}`).join(', ');
      const verb = config.freeze[kind].every((t) => t.kind === 'ConfigMap') ? 'sets' : 'suspends';
      return `${verb} ${objects} in ${where}; who, when and why are recorded on each object; objects already suspended stay so after unfreeze`;
    },
    objectKinds: (kind) => [...new Set(config.freeze[kind].map((t) => t.kind))],
    command: (kind, frozen) =>
      regions
        .flatMap((r) =>
          config.freeze[kind].map((t) => kubectlPatchLine(t, frozen, r.client.region.explicit ? r.client.region.kubeContext : undefined, config.kubeconfig)),
        )
        .join(' && '),
    freeze,
    unfreeze,
  };
}
