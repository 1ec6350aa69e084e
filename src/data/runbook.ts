// Runbook knowledge the cockpit shows: DLQ classification (Topic 19, "DLQ Classification") with the recommended
// action per reason, and whether that action is a replay (the safe replay procedure follows a fix).

export interface ReasonAdvice {
  readonly indicates: string;
  readonly action: string;
  /** The runbook's action for this reason is a replay, once `after` is done. */
  readonly replay: boolean;
  /** What must be done before a replay helps (the runbook's "Fix code/config, then replay"). */
  readonly after?: string;
}

/** DeadLetterReason → what it indicates and what the runbook says to do. */
export const DLQ_REASONS: Readonly<Record<string, ReasonAdvice>> = {
  DeliveryCountExceeded: {
    indicates: 'Persistent handler failure',
    action: 'Fix code/config, then replay',
    replay: true,
    after: 'the code or config fix is deployed',
  },
  TTLExpiredException: {indicates: 'Long queue backlog, slow processing', action: 'Increase TTL or scale consumers', replay: false},
  MessageLockLostException: {indicates: 'Slow handler, long transactions', action: 'Optimize handler, increase lock duration', replay: false},
  UnauthorizedException: {indicates: 'RBAC/credential issue', action: 'Fix managed identity permissions', replay: false},
  SerializationException: {
    indicates: 'Schema version mismatch',
    action: 'Add schema migration, replay',
    replay: true,
    after: 'the schema migration is deployed',
  },
};

/** Service Bus's own names for the runbook's reasons. */
const ALIASES: Readonly<Record<string, string>> = {MaxDeliveryCountExceeded: 'DeliveryCountExceeded', TTLExpired: 'TTLExpiredException'};

const UNCLASSIFIED: ReasonAdvice = {indicates: 'Unclassified failure', action: 'Inspect the message; classify before replaying (runbook 10.2)', replay: false};

/** Advice for a reason, with a fallback for reasons the runbook does not classify. */
export function adviceFor(reason: string): ReasonAdvice {
  return DLQ_REASONS[reason] ?? DLQ_REASONS[ALIASES[reason] ?? ''] ?? UNCLASSIFIED;
}

/** Whether the runbook's action for `reason` is a replay: the reasons a replay preselects. */
export function isReplayReason(reason: string): boolean {
  return adviceFor(reason).replay;
}
