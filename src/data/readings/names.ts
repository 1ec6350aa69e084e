// One name per thing: how an entity is spelt wherever it is shown (pane rows, alerts, dialogs).

/** A Service Bus path's display name: `audit.appended.v1/Subscriptions/projection` → `audit.appended.v1/projection`. */
export function shortEntity(entity: string): string {
  return entity.replace('/Subscriptions/', '/');
}
