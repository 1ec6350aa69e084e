// One name per thing: how an entity is spelt wherever it is shown (pane rows, alerts, dialogs).

/** A Service Bus path's display name: `audit.appended.v1/Subscriptions/projection` → `audit.appended.v1/projection`. */
export function shortEntity(entity: string): string {
  return entity.replace('/Subscriptions/', '/');
}

/**
 * ATP's namespace for a service, as the runbook spells it: `atp-{service}-ns`, except ingestion, whose namespace the
 * runbook writes `atp-ingest-ns` throughout (Topic 11 and the quick reference's `kubectl ... -n atp-ingest-ns`).
 */
export const RUNBOOK_NAMESPACES: Readonly<Record<string, string>> = {ingestion: 'atp-ingest-ns'};

export function runbookNamespace(service: string): string {
  return RUNBOOK_NAMESPACES[service] ?? `atp-${service}-ns`;
}
