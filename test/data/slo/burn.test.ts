import {describe, expect, it} from 'vitest';
import {budgetRemaining, burnFigures, burnRate, policyStage, timeToExhaustion} from '../../../src/data/slo/burn.js';

describe('burn arithmetic', () => {
  it('burn = error ratio / (1 - SLO)', () => {
    expect(burnRate(0.001, 0.999)).toBeCloseTo(1);
    expect(burnRate(0.0144, 0.999)).toBeCloseTo(14.4);
    expect(burnRate(0.05, 0.95)).toBeCloseTo(1);
  });

  it('budget remaining over the period', () => {
    expect(budgetRemaining(0, 0.999)).toBe(1);
    expect(budgetRemaining(0.0005, 0.999)).toBeCloseTo(0.5);
    expect(budgetRemaining(0.002, 0.999)).toBeCloseTo(-1);
  });

  it('time to exhaustion = remaining × period / burn', () => {
    // Half the budget left, burning at 1x: half the 30-day period.
    expect(timeToExhaustion(0.5, 1, 30)).toBe(15 * 86_400_000);
    // 14.4x burns 2% of a 30-day budget per hour: 50% lasts 25 hours.
    expect(timeToExhaustion(0.5, 14.4, 30)! / 3_600_000).toBeCloseTo(25);
    expect(timeToExhaustion(0.5, 0, 30)).toBeUndefined();
    expect(timeToExhaustion(0, 3, 30)).toBe(0);
  });

  it('policy stages from budget consumed', () => {
    expect(policyStage(0.95)).toBeUndefined();
    expect(policyStage(0.9)?.action).toBe('Freeze feature releases');
    expect(policyStage(0.7)?.action).toBe('Emergency freeze, focus on stability');
    expect(policyStage(0.5)?.action).toBe('Incident declared, all hands');
    expect(policyStage(-0.1)?.action).toBe('Postmortem, process review');
  });

  it('a pair fires only when both windows exceed its threshold', () => {
    const slo = {slo: 'a', objective: 0.999, periodDays: 30, errorRatio: {'5m': 0.02, '1h': 0.015, '30m': 0.02, '6h': 0.001, '30d': 0.0002}};
    const f = burnFigures(slo);
    expect(f.pairs[0]?.firing).toBe(true);
    expect(f.pairs[1]?.firing).toBe(false);
    expect(f.remaining).toBeCloseTo(0.8);
    expect(f.stage?.consumed).toBe(0.1);
  });
});
