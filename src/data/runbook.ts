// Runbook knowledge the cockpit shows: DLQ classification (Topic 19) with the recommended action per reason.

export interface ReasonAdvice {
  readonly indicates: string;
  readonly action: string;
}

/** DeadLetterReason → what it indicates and what the runbook says to do. */
export const DLQ_REASONS: Readonly<Record<string, ReasonAdvice>> = {
  DeliveryCountExceeded: {indicates: 'Persistent handler failure', action: 'Fix code/config, then replay'},
  TTLExpiredException: {indicates: 'Long queue backlog, slow processing', action: 'Increase TTL or scale consumers'},
  MessageLockLostException: {indicates: 'Slow handler, long transactions', action: 'Optimize handler, increase lock duration'},
  UnauthorizedException: {indicates: 'RBAC/credential issue', action: 'Fix managed identity permissions'},
  SerializationException: {indicates: 'Schema version mismatch', action: 'Add schema migration, replay'},
};

/** Service Bus's own names for the runbook's reasons. */
const ALIASES: Readonly<Record<string, string>> = {MaxDeliveryCountExceeded: 'DeliveryCountExceeded', TTLExpired: 'TTLExpiredException'};

/** Advice for a reason, with a fallback for reasons the runbook does not classify. */
export function adviceFor(reason: string): ReasonAdvice {
  return DLQ_REASONS[reason] ?? DLQ_REASONS[ALIASES[reason] ?? ''] ?? {indicates: 'Unclassified failure', action: 'Inspect the message; classify before replaying (runbook 10.2)'};
}
