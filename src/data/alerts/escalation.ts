// The runbook's Severity Escalation Matrix (Topic 9): who is engaged after how long.

export type Severity = 1 | 2 | 3 | 4;

interface Step {
  readonly fromMin: number;
  readonly who: string;
}

const MATRIX: Readonly<Record<Severity, readonly Step[]>> = {
  1: [
    {fromMin: 0, who: 'Primary on-call'},
    {fromMin: 30, who: '+ Secondary on-call'},
    {fromMin: 60, who: '+ Manager on-call'},
    {fromMin: 120, who: '+ VP Engineering'},
  ],
  2: [
    {fromMin: 0, who: 'Primary on-call'},
    {fromMin: 60, who: '+ Secondary on-call'},
    {fromMin: 120, who: '+ Manager on-call'},
  ],
  3: [
    {fromMin: 0, who: 'no page (#atp-ops)'},
    {fromMin: 120, who: '+ Secondary on-call'},
  ],
  4: [{fromMin: 0, who: 'no page (#atp-notifications)'}],
};

/** Who should be engaged now, and the next step if there is one. */
export interface Escalation {
  readonly now: string;
  readonly next?: {readonly who: string; readonly inMs: number};
}

/** Escalation due after `elapsedMs` of firing at `severity`. */
export function escalationFor(severity: Severity, elapsedMs: number): Escalation {
  const steps = MATRIX[severity];
  const minutes = Math.max(0, elapsedMs) / 60_000;
  let index = 0;
  steps.forEach((step, i) => {
    if (minutes >= step.fromMin) index = i;
  });
  const current = steps[index] ?? steps[0]!;
  const following = steps[index + 1];
  return {
    now: current.who,
    next: following ? {who: following.who, inMs: following.fromMin * 60_000 - Math.max(0, elapsedMs)} : undefined,
  };
}
