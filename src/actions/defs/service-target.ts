// The steps every action on one service in one region shares: `SERVICE[@REGION]` resolved exactly against the health
// rows, and a region picker when the service runs in several (a target is never guessed, issue 13).
import type {ServiceRef} from '../../data/sources/types.js';
import type {Next, StepEnv} from '../definition.js';
import {resolveService} from '../targets.js';
import type {ActionRequest} from '../types.js';

/** `service` or `service@region` as request fields. */
export function serviceRequest(text: string): {service: string; region?: string} {
  const [service = '', region] = text.split('@');
  return {service, region};
}

/** Resolves the request's service against the health rows: `then` for one, a region pick for several, a notice for none. */
export function serviceSteps<R extends ActionRequest & {service: string; region?: string}>(
  env: StepEnv,
  request: R,
  how: {readonly verb: string; readonly title: string; then(ref: ServiceRef): Next},
): Next {
  const rows = env.snapshot('health').value?.services ?? [];
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
        detail: `${row?.status ?? 'Unknown'} · ${row?.podsReady ?? '?'}/${row?.podsDesired ?? '?'} pods · ${row?.version ?? '?'}`,
        next: () => ({step: 'start', request: {...request, ...ref}}),
      };
    }),
  };
}
