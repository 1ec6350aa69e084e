// Who to page, and by when to answer: the runbook's severity definitions (Topic 9), its Severity Escalation Matrix
// (Topic 9) and its Escalation Matrix of contacts (Topic 43), read together.
//
// The runbook disagrees with itself, and the cockpit never shows less than any part of it asks for:
// - SEV-1: the definition says "Escalation: Immediate (Manager + VP Engineering)" and "Page primary, secondary, manager
//   on-call"; the time matrix adds Secondary at 30 min, Manager at 60 min and VP Engineering at 120 min. The
//   definition is stricter, so everyone it names is due at once, and the note says the matrix differs.
// - SEV-3: the definition says "Escalation: After 4 hours if unresolved"; the time matrix adds Secondary on-call at
//   120 min. The matrix is stricter, so Secondary comes at 120 min, and the note says the definition differs.
// - L5 CTO (contacts table): "Customer-impacting, 4h+", for SEV-1 and SEV-2 (both affect tenants by definition).

export type Severity = 1 | 2 | 3 | 4;

/** One tier of people to engage, and from when. */
export interface Tier {
  readonly fromMin: number;
  readonly who: string;
  /** A condition the runbook puts on this tier, shown with it. */
  readonly when?: string;
  /** The runbook's words this tier comes from. */
  readonly source: string;
}

export interface SeverityPolicy {
  readonly severity: Severity;
  readonly label: string;
  /** Where the alert goes at once (Topic 5, Alert Channels). */
  readonly channel: string;
  readonly tiers: readonly Tier[];
  /** "Response Time" of the severity definition, in minutes; undefined for best effort. */
  readonly respondMin?: number;
  /** "Resolution Time" of the severity definition, in minutes. */
  readonly resolveMin: number;
  /** How often the runbook asks for a status update, in minutes (Topic 7 war room; SEV-2 actions). */
  readonly updateEveryMin?: number;
  /** Where the runbook's parts disagree for this severity, and which one the cockpit follows. */
  readonly note?: string;
}

const H = 60;

/** The runbook's four severities, as data. */
export const SEVERITY_POLICY: Readonly<Record<Severity, SeverityPolicy>> = {
  1: {
    severity: 1,
    label: 'Critical',
    channel: 'PagerDuty page + #atp-incidents',
    tiers: [
      {fromMin: 0, who: 'Primary on-call', source: 'SEV-1 actions: page primary'},
      {fromMin: 0, who: 'Secondary on-call', source: 'SEV-1 actions: page secondary'},
      {fromMin: 0, who: 'Manager on-call', source: 'SEV-1 escalation: immediate (Manager + VP Engineering)'},
      {fromMin: 0, who: 'VP Engineering', source: 'SEV-1 escalation: immediate (Manager + VP Engineering)'},
      {fromMin: 4 * H, who: 'CTO', when: 'if customer-impacting', source: 'Escalation matrix L5: customer-impacting, 4h+'},
    ],
    respondMin: 5,
    resolveMin: 4 * H,
    updateEveryMin: 15,
    note: 'SEV-1 definition: Manager + VP Engineering at once; time matrix: Secondary 30m, Manager 60m, VP 120m. Stricter shown.',
  },
  2: {
    severity: 2,
    label: 'High',
    channel: 'PagerDuty page + #atp-incidents',
    tiers: [
      {fromMin: 0, who: 'Primary on-call', source: 'SEV-2 actions: page primary on-call'},
      {fromMin: 1 * H, who: 'Secondary on-call', source: 'Time matrix 60-120 min; L2 after 1h (SEV-2)'},
      {fromMin: 2 * H, who: 'Manager on-call', source: 'Time matrix 120+ min; L3 after 2h (SEV-2)'},
      {fromMin: 4 * H, who: 'CTO', when: 'if customer-impacting', source: 'Escalation matrix L5: customer-impacting, 4h+'},
    ],
    respondMin: 15,
    resolveMin: 8 * H,
    updateEveryMin: 30,
  },
  3: {
    severity: 3,
    label: 'Medium',
    channel: 'no page: #atp-ops + ticket',
    tiers: [{fromMin: 2 * H, who: 'Secondary on-call', source: 'Time matrix 120+ min'}],
    respondMin: 1 * H,
    resolveMin: 24 * H,
    note: 'SEV-3 definition: escalate after 4h; time matrix: Secondary at 120m. Earlier shown.',
  },
  4: {severity: 4, label: 'Low', channel: 'no page: #atp-notifications + ticket', tiers: [], resolveMin: 7 * 24 * H},
};

/** Who should be engaged now, who comes next and when, and the runbook's own disagreement if any. */
export interface Escalation {
  /** Everyone due by now, in runbook order; empty when the severity pages nobody yet. */
  readonly engaged: readonly string[];
  /** One line: "page Primary, Secondary, Manager on-call, VP Engineering" or "no page: #atp-ops + ticket". */
  readonly now: string;
  readonly next?: {readonly who: string; readonly inMs: number; readonly when?: string};
  readonly note?: string;
}

/** Escalation due after `elapsedMs` of firing at `severity`. */
export function escalationFor(severity: Severity, elapsedMs: number): Escalation {
  const policy = SEVERITY_POLICY[severity];
  const minutes = Math.max(0, elapsedMs) / 60_000;
  const due = policy.tiers.filter((t) => t.fromMin <= minutes);
  const following = policy.tiers.find((t) => t.fromMin > minutes);
  const engaged = due.map((t) => (t.when ? `${t.who} (${t.when})` : t.who));
  return {
    engaged,
    now: engaged.length ? `page ${engaged.join(', ')}` : policy.channel,
    next: following ? {who: following.who, inMs: following.fromMin * 60_000 - Math.max(0, elapsedMs), when: following.when} : undefined,
    note: policy.note,
  };
}

/** A deadline the severity sets, counted from when the alert fired. */
export interface ResponseClock {
  readonly what: 'respond' | 'resolve';
  readonly withinMs: number;
  /** Negative when overdue. */
  readonly leftMs: number;
  /** The respond clock stopped: the alert's PagerDuty incident was acknowledged (docs/pagerduty.md). */
  readonly acknowledged?: {readonly by: string; readonly at: number};
}

/** The response and resolution clocks of an alert firing for `elapsedMs` (severity definitions, Topic 9). */
export function responseClocks(severity: Severity, elapsedMs: number): readonly ResponseClock[] {
  const policy = SEVERITY_POLICY[severity];
  const clocks: ResponseClock[] = [];
  if (policy.respondMin !== undefined) clocks.push({what: 'respond', withinMs: policy.respondMin * 60_000, leftMs: policy.respondMin * 60_000 - elapsedMs});
  clocks.push({what: 'resolve', withinMs: policy.resolveMin * 60_000, leftMs: policy.resolveMin * 60_000 - elapsedMs});
  return clocks;
}
