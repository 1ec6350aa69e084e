// Burn windows are exact time-weighted sliding windows (issue 12, "Trends and burn"): the demo's windows are
// checked against an independent integral of every error ratio the simulation recorded, through a bad deploy, its
// rollback and the minutes after, and the 5m/1h page clears exactly when that arithmetic says, not before.
import {afterEach, describe, expect, it, vi} from 'vitest';
import {evaluateAlerts} from '../../../src/data/alerts/evaluate.js';
import {ManualClock} from '../../../src/data/clock.js';
import {SloSim} from '../../../src/data/demo/slo-sim.js';
import {createDemoSource} from '../../../src/data/demo/source.js';
import {DEMO_SLOS} from '../../../src/data/demo/topology.js';
import {BURN_PAIRS, burnFigures} from '../../../src/data/slo/burn.js';

const signal = new AbortController().signal;
const MIN = 60_000;

/** Piecewise-constant error ratio: each recorded value holds from the previous record (exclusive) to its own time. */
interface Piece {
  readonly from: number;
  readonly to: number;
  readonly v: number;
}

/** The time-weighted mean over (end - span, end], from the recorded pieces only. */
function exactMean(pieces: readonly Piece[], end: number, span: number): number {
  const start = end - span;
  if (!pieces[0] || pieces[0].from > start) throw new Error('the reference has no data that far back');
  let total = 0;
  for (const p of pieces) total += p.v * Math.max(0, Math.min(end, p.to) - Math.max(start, p.from));
  return total / span;
}

/**
 * How far a window kept in minute buckets may stray from the exact mean: only the oldest minute is cut by the window,
 * and it weighs in at its mean, so the error is at most (its part inside the window / span) × (its max − its min).
 */
function bucketBound(pieces: readonly Piece[], end: number, span: number): number {
  const start = end - span;
  const minute = Math.floor(start / MIN) * MIN;
  const inside = minute + MIN - start;
  if (inside === MIN) return 0;
  const values = pieces.filter((p) => p.to > minute && p.from < minute + MIN).map((p) => p.v);
  return (inside / span) * (Math.max(...values) - Math.min(...values));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('SloSim windows', () => {
  it('weigh the open minute by its elapsed time and the oldest minute by the part inside the window', () => {
    const def = DEMO_SLOS[0]!;
    const t0 = 1_800_000_000_000; // a whole minute
    const sim = new SloSim(def, 1, t0);
    // 10 minutes at 1 %, then 30 s at 0 %: the open minute is half a minute old.
    for (let t = t0 + 1000; t <= t0 + 10 * MIN; t += 1000) sim.record(t, 0.01);
    for (let t = t0 + 10 * MIN + 1000; t <= t0 + 10 * MIN + 30_000; t += 1000) sim.record(t, 0);
    // (5 min - 30 s) at 1 % over 5 min: 0.9 %; counting the open minute as a whole bucket says about 0.8 %.
    expect(sim.window('5m')).toBeCloseTo(0.009, 12);
    const pieces: Piece[] = [
      {from: t0, to: t0 + 10 * MIN, v: 0.01},
      {from: t0 + 10 * MIN, to: t0 + 10.5 * MIN, v: 0},
    ];
    expect(sim.window('5m')).toBeCloseTo(exactMean(pieces, t0 + 10.5 * MIN, 5 * MIN), 12);
  });

  it('a sample step that crosses minute boundaries splits its time between the minutes it covers', () => {
    const t0 = 1_800_000_000_000 + 20_000; // not on a minute
    const sim = new SloSim(DEMO_SLOS[0]!, 1, t0);
    // Coarse steps (the demo's pre-roll steps a minute at a time, off the minute grid).
    for (let t = t0 + MIN; t <= t0 + 20 * MIN; t += MIN) sim.record(t, 0.02);
    sim.record(t0 + 20 * MIN + 15_000, 0.2);
    const pieces: Piece[] = [
      {from: t0, to: t0 + 20 * MIN, v: 0.02},
      {from: t0 + 20 * MIN, to: t0 + 20 * MIN + 15_000, v: 0.2},
    ];
    expect(sim.window('5m')).toBeCloseTo(exactMean(pieces, t0 + 20 * MIN + 15_000, 5 * MIN), 12);
  });
});

describe('demo burn after a rollback', () => {
  it('the 5m and 1h windows equal the exact sliding means, and the 5m/1h page clears only when they say so', async () => {
    const recorded: {slo: string; t: number; v: number}[] = [];
    const original = SloSim.prototype.record;
    vi.spyOn(SloSim.prototype, 'record').mockImplementation(function (this: SloSim, t: number, ratio: number) {
      recorded.push({slo: this.def.id, t, v: ratio});
      original.call(this, t, ratio);
    });
    const clock = new ManualClock();
    const source = createDemoSource({scenario: 'bad-deploy', seed: 3, clock});
    const pieces = (): Piece[] => {
      const own = recorded.filter((r) => r.slo === 'atp-availability');
      return own.slice(1).map((r, i) => ({from: own[i]!.t, to: r.t, v: r.v}));
    };
    // Let the bad deploy burn until the 1h window lies wholly inside what the simulation recorded.
    clock.advance(12 * MIN);
    await source.read('burn', signal);
    const ref = {service: 'ingestion', region: 'us-east'};
    const done = source.capabilities.rollback!.rollback(ref, 2, {signal, progress: () => undefined});
    for (let i = 0; i < 120; i++) {
      clock.advance(500);
      await new Promise((r) => setImmediate(r));
    }
    expect((await done).status.done).toBe(true);

    const page = BURN_PAIRS[0]!;
    const budget = 1 - DEMO_SLOS[0]!.objective;
    let clearedAt: number | undefined;
    let refClearedAt: number | undefined;
    for (let i = 0; i < 12 * 12; i++) {
      clock.advance(5_000);
      const burn = await source.read('burn', signal);
      const now = source.world.now;
      const slo = burn.slos.find((s) => s.slo === 'atp-availability')!;
      const p = pieces();
      const exact5 = exactMean(p, now, 5 * MIN);
      const exact1h = exactMean(p, now, 60 * MIN);
      const bound5 = bucketBound(p, now, 5 * MIN) + 1e-12;
      const bound1h = bucketBound(p, now, 60 * MIN) + 1e-12;
      const at = `at +${(now - source.world.start) / 1000}s`;
      expect(Math.abs(slo.errorRatio['5m']! - exact5), `5m ${at}`).toBeLessThanOrEqual(bound5);
      expect(Math.abs(slo.errorRatio['1h']! - exact1h), `1h ${at}`).toBeLessThanOrEqual(bound1h);
      const limit = page.threshold * budget;
      const surelyFiring = exact5 - bound5 > limit && exact1h - bound1h > limit;
      const surelyClear = exact5 + bound5 <= limit || exact1h + bound1h <= limit;
      const pairFiring = burnFigures(slo).pairs[0]!.firing;
      const alert = evaluateAlerts({readings: {burn}, now}).alerts.find((a) => a.name === 'ErrorBudgetBurn' && a.target === 'atp-availability');
      if (surelyFiring) expect(alert, `the burn alert is gone ${at} while 5m/1h still burn`).toBeDefined();
      if (surelyFiring) expect(pairFiring, `5m/1h pair ${at}`).toBe(true);
      if (surelyClear) expect(pairFiring, `5m/1h pair ${at}`).toBe(false);
      if (!pairFiring && clearedAt === undefined) clearedAt = now;
      if (exact5 <= limit && refClearedAt === undefined) refClearedAt = now;
    }
    // The page held through the rollback and cleared within the run, when the 5-minute arithmetic says (one 5 s read).
    expect(refClearedAt).toBeDefined();
    expect(Math.abs(clearedAt! - refClearedAt!)).toBeLessThanOrEqual(5_000);
  }, 60_000);
});
