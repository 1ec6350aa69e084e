// The steps every action on one service in one region shares: `SERVICE[@REGION]` resolved exactly against the health
// rows, and a region picker when the service runs in several (a target is never guessed, issue 13).
import type {ServiceHealth} from '../../data/readings/types.js';
import type {ServiceRef} from '../../data/sources/types.js';
import type {Next, StepEnv} from '../definition.js';
import {resolveService} from '../targets.js';
import type {ActionRequest} from '../types.js';

/** `service` or `service@region` as request fields. */
export function serviceRequest(text: string): {service: string; region?: string} {
  const [service = '', region] = text.split('@');
  return {service, region};
}

/** The pick of a service in the request's region, each with its status, pods and version (its capacity, at a glance). */
function regionPick<R extends ActionRequest & {service: string; region?: string}>(
  rows: readonly ServiceHealth[],
  request: R,
  verb: string,
  title: string,
): Next {
  const inRegion = rows.filter((r) => r.region === request.region);
  if (inRegion.length === 0) return {step: 'notice', title, text: `No service read in region "${request.region}".`};
  return {
    step: 'pick',
    title: `${verb} a service of ${request.region}: choose one`,
    choices: inRegion.map((row) => ({
      label: `${row.service}@${row.region}`,
      detail: rowDetail(row),
      next: () => ({step: 'start', request: {...request, service: row.service}}),
    })),
  };
}

const rowDetail = (row: ServiceHealth | undefined) =>
  `${row?.status ?? 'Unknown'} · ${row?.podsReady ?? '?'}/${row?.podsDesired ?? '?'} pods · ${row?.version ?? '?'}`;

/** Resolves the request's service against the health rows: `then` for one, a region pick for several, a notice for none. */
export function serviceSteps<R extends ActionRequest & {service: string; region?: string}>(
  env: StepEnv,
  request: R,
  how: {readonly verb: string; readonly title: string; then(ref: ServiceRef): Next},
): Next {
  const rows = env.snapshot('health').value?.services ?? [];
  // A region without a service (`@eu-west`, a region outage's scale): pick one of the services read there.
  if (!request.service && request.region) return regionPick(rows, request, how.verb, how.title);
  const resolved = resolveService(rows, request.service, request.region);
  if (resolved.kind === 'none') return {step: 'notice', title: how.title, text: resolved.message};
  if (resolved.kind === 'one') return how.then(resolved.value);
  return {
    step: 'pick',
    title: `${how.verb} ${request.service}: it runs in ${resolved.candidates.length} regions; choose a region`,
    choices: resolved.candidates.map((ref) => {
      const row = rows.find((r) => r.service === ref.service && r.region === ref.region);
      return {
        label: `${ref.service}@${ref.region}`,
        detail: rowDetail(row),
        next: () => ({step: 'start', request: {...request, ...ref}}),
      };
    }),
  };
}
