// Scale bounds and the HPA's say over a requested replica count: pure, shared by the kubernetes and demo sources,
// so the form can check as the person types.
import type {ScaleCheck, ScaleInfo} from './sources/types.js';

/**
 * The largest count the cockpit accepts unless the HPA allows more: ATP runs 3 replicas per region, so anything above
 * 50 is far more likely a typo (30 → 300) than intent, and would exhaust a regional node pool.
 */
export const SCALE_MAX = 50;

/** Bounds and HPA warnings for `replicas` (pure: the form shows it as the person types). */
export function checkScale(info: ScaleInfo, replicas: number): ScaleCheck {
  if (!Number.isInteger(replicas)) return {ok: false, error: 'the replica count must be a whole number', warnings: []};
  if (replicas < info.min || replicas > info.max) return {ok: false, error: `the replica count must be between ${info.min} and ${info.max}`, warnings: []};
  const warnings: string[] = [];
  const {hpa} = info;
  if (replicas === 0)
    warnings.push(`0 replicas stops every pod of the service${hpa ? `; HPA ${hpa.name} stops acting while the deployment has 0 replicas` : ''}`);
  else if (hpa && replicas < hpa.min) warnings.push(`HPA ${hpa.name} keeps ${hpa.min}..${hpa.max} replicas: it will scale back up to ${hpa.min}`);
  else if (hpa && replicas > hpa.max) warnings.push(`HPA ${hpa.name} keeps ${hpa.min}..${hpa.max} replicas: it will scale back down to ${hpa.max}`);
  else if (hpa) warnings.push(`HPA ${hpa.name} (${hpa.min}..${hpa.max}) manages the replica count and may change ${replicas} as load changes`);
  if (info.hpaError) warnings.push(`the HPA could not be read (${info.hpaError}); it may override this count`);
  return {ok: true, warnings};
}
