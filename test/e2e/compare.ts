// Compares `status --json` read through Prometheus with the simulator's ground truth (two truth snapshots
// bracket the status run, so values that move during it are judged against the range they moved through).
import {expect} from 'vitest';
import {DEFAULT_THRESHOLDS} from '../../src/data/alerts/catalog.js';
import type {ServiceHealth} from '../../src/data/readings/types.js';
import {rowStatus} from '../../src/data/health/status.js';

type Row = Record<string, unknown>;
/** The parts of /truth and of `status --json` the comparison reads. */
export interface Doc {
  readonly health: Row[];
  readonly lag: Row[];
  readonly dlq: Row[];
  readonly outbox: Row[];
  readonly burn: Row[];
  readonly alerts: {name: string; target: string; state: string}[];
}

/** The stated tolerances (docs/testing.md, "Tolerances, and why"). */
export const TOLERANCE = {
  lagSeconds: 0.5,
  lagP95Relative: 0.35,
  dlqMessages: 1,
  dlqAgeSeconds: 10,
  outboxPending: (v: number) => Math.max(15, 0.2 * v),
  outboxAgeSeconds: (v: number) => Math.max(1, 0.15 * v),
  burnRate: (v: number) => Math.max(0.05, 0.1 * Math.abs(v)),
  budgetRemaining: 0.01,
};

const num = (r: Row | undefined, k: string) => (typeof r?.[k] === 'number' ? (r[k] as number) : Number.NaN);
const index = (rows: Row[], ...keys: string[]) => new Map(rows.map((r) => [keys.map((k) => String(r[k])).join('@'), r]));

/** `value` lies within [min(a, b) - tol, max(a, b) + tol]. */
export function bracket(what: string, value: number, a: number, b: number, tol: number): void {
  const lo = Math.min(a, b) - tol;
  const hi = Math.max(a, b) + tol;
  expect(value, `${what}: ${value} not within [${lo}, ${hi}] (truth ${a} → ${b}, tolerance ${tol})`).toBeGreaterThanOrEqual(lo);
  expect(value, `${what}: ${value} not within [${lo}, ${hi}] (truth ${a} → ${b}, tolerance ${tol})`).toBeLessThanOrEqual(hi);
}

/** A health row whose status could flip on measurement noise (near a threshold) is not compared. */
function borderline(r: Row): boolean {
  const err = num(r, 'errorRatio');
  const p95 = num(r, 'p95Ms');
  const limit = DEFAULT_THRESHOLDS.p95MsByService[String(r.service)] ?? DEFAULT_THRESHOLDS.p95Ms;
  return (err > 0.04 && err < 0.0625) || (p95 > limit * 0.88 && p95 < limit * 1.12);
}

/** Same rows; same status, pods and version except for rows near a threshold. */
export function compareHealth(prom: Doc, before: Doc, after: Doc): {compared: number; skipped: string[]} {
  const p = index(prom.health, 'service', 'region');
  const b = index(before.health, 'service', 'region');
  const a = index(after.health, 'service', 'region');
  expect([...p.keys()].sort()).toEqual([...b.keys()].sort());
  const skipped: string[] = [];
  for (const [key, row] of p) {
    const tb = b.get(key)!;
    const ta = a.get(key) ?? tb;
    const sb = rowStatus(tb as unknown as ServiceHealth, DEFAULT_THRESHOLDS).status;
    const sa = rowStatus(ta as unknown as ServiceHealth, DEFAULT_THRESHOLDS).status;
    if (sb !== sa || borderline(tb) || borderline(ta)) {
      skipped.push(key);
      continue;
    }
    expect(row.rowStatus, `${key} status`).toBe(sb);
    expect(row.version, `${key} version`).toBe(tb.version);
    expect(row.podsReady, `${key} pods ready`).toBe(tb.podsReady);
  }
  return {compared: p.size - skipped.length, skipped};
}

/** Lag, DLQ and outbox values within the stated tolerances. */
export function compareFlows(prom: Doc, before: Doc, after: Doc): void {
  const pairs = (rows: Row[]) => index(rows, 'projection', 'region');
  const [pl, bl, al] = [pairs(prom.lag), pairs(before.lag), pairs(after.lag)];
  expect([...pl.keys()].sort()).toEqual([...bl.keys()].sort());
  for (const [key, row] of pl) {
    bracket(`lag ${key}`, num(row, 'lagSeconds'), num(bl.get(key), 'lagSeconds'), num(al.get(key), 'lagSeconds'), TOLERANCE.lagSeconds);
    const truth = num(bl.get(key), 'p95Seconds');
    bracket(`lag P95 ${key}`, num(row, 'p95Seconds'), truth, num(al.get(key), 'p95Seconds'), truth * TOLERANCE.lagP95Relative);
  }
  const [pd, bd, ad] = [index(prom.dlq, 'entity'), index(before.dlq, 'entity'), index(after.dlq, 'entity')];
  expect([...pd.keys()].sort()).toEqual([...bd.keys()].sort());
  for (const [key, row] of pd) {
    bracket(`dead letters ${key}`, num(row, 'deadLetter'), num(bd.get(key), 'deadLetter'), num(ad.get(key), 'deadLetter'), TOLERANCE.dlqMessages);
    if (num(bd.get(key), 'deadLetter') > 0)
      bracket(
        `oldest dead letter ${key}`,
        num(row, 'oldestAgeSeconds'),
        num(bd.get(key), 'oldestAgeSeconds'),
        num(ad.get(key), 'oldestAgeSeconds'),
        TOLERANCE.dlqAgeSeconds,
      );
  }
  const [po, bo, ao] = [index(prom.outbox, 'service', 'region'), index(before.outbox, 'service', 'region'), index(after.outbox, 'service', 'region')];
  expect([...po.keys()].sort()).toEqual([...bo.keys()].sort());
  for (const [key, row] of po) {
    const pb = num(bo.get(key), 'pending');
    bracket(`outbox pending ${key}`, num(row, 'pending'), pb, num(ao.get(key), 'pending'), TOLERANCE.outboxPending(pb));
    const ob = num(bo.get(key), 'oldestAgeSeconds');
    bracket(`outbox oldest ${key}`, num(row, 'oldestAgeSeconds'), ob, num(ao.get(key), 'oldestAgeSeconds'), TOLERANCE.outboxAgeSeconds(ob));
  }
}

/** Burn rate per window and budget remaining within the stated tolerances. */
export function compareBurn(prom: Doc, before: Doc, after: Doc): void {
  const [p, b, a] = [index(prom.burn, 'slo'), index(before.burn, 'slo'), index(after.burn, 'slo')];
  expect([...p.keys()].sort()).toEqual([...b.keys()].sort());
  for (const [slo, row] of p) {
    const rates = row.burnRate as Record<string, number>;
    const rb = b.get(slo)!.burnRate as Record<string, number>;
    const ra = (a.get(slo) ?? b.get(slo)!).burnRate as Record<string, number>;
    for (const w of ['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d']) {
      bracket(`${slo} burn ${w}`, rates[w] ?? Number.NaN, rb[w] ?? Number.NaN, ra[w] ?? Number.NaN, TOLERANCE.burnRate(rb[w] ?? 0));
    }
    bracket(
      `${slo} budget remaining`,
      num(row, 'budgetRemaining'),
      num(b.get(slo), 'budgetRemaining'),
      num(a.get(slo), 'budgetRemaining'),
      TOLERANCE.budgetRemaining,
    );
  }
}

/** Firing alerts as `name target`. */
export const firing = (d: Doc) => new Set(d.alerts.filter((x) => x.state === 'firing').map((x) => `${x.name} ${x.target}`));
const active = (d: Doc) => new Set(d.alerts.map((x) => `${x.name} ${x.target}`));

/** Every alert firing in both truth snapshots fires through Prometheus; nothing fires that truth does not have. */
export function compareAlerts(prom: Doc, before: Doc, after: Doc): string[] {
  const sure = [...firing(before)].filter((k) => firing(after).has(k));
  const possible = new Set([...active(before), ...active(after)]);
  const got = [...firing(prom)].sort();
  for (const k of sure) expect(got, `alert ${k} fires in the truth`).toContain(k);
  for (const k of got) expect(possible.has(k), `alert ${k} fires through Prometheus but not in the truth`).toBe(true);
  return got;
}
