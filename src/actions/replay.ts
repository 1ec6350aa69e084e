// DLQ replay: reason breakdown, filter, dry run, then a safe replay with progress.
import {adviceFor} from '../data/runbook.js';
import {capabilityFor} from '../data/session.js';
import type {DlqEntity} from '../data/readings/types.js';
import type {DlqMessage, ReplayPlan, ReplayTarget} from '../data/sources/types.js';
import {whereContext, type PlanEnv} from './env.js';
import type {ActionPlan} from './types.js';

/** The runbook's "small batch first". */
export const DEFAULT_REPLAY_COUNT = 10;

export interface ReplayChoice {
  readonly entity: DlqEntity;
  readonly target: ReplayTarget;
  /** The dead-letter reasons chosen (empty: every reason). */
  readonly reasons: readonly string[];
  readonly maxCount: number;
  /** The dry run: exactly these messages would go. */
  readonly messages: readonly DlqMessage[];
}

function blastRadius(choice: ReplayChoice): string {
  const {target, messages} = choice;
  if (target.reaches.length > 1) {
    const subscriptions = target.reaches.map((r) => r.split('/').pop()).join(', ');
    return (
      `${messages.length} copies to topic ${target.entity}: EVERY subscription receives them (${target.reaches.length}: ${subscriptions}); ` +
      'consumers dedupe by message id'
    );
  }
  return `${messages.length} copies to ${target.entity} only (consumer ${choice.entity.consumer ?? 'unknown'})`;
}

/** Messages of the dry run per reason, in first-seen order. */
function byReason(messages: readonly DlqMessage[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of messages) counts.set(m.reason, (counts.get(m.reason) ?? 0) + 1);
  return counts;
}

/** The reasons chosen whose runbook action is not a replay, with that action: each becomes a warning. */
export function nonReplayWarnings(messages: readonly DlqMessage[]): string[] {
  return [...byReason(messages)].flatMap(([reason, n]) => {
    const advice = adviceFor(reason);
    return advice.replay ? [] : [`${n} ${reason}: the runbook says "${advice.action}", not replay; replayed before that, they will likely dead-letter again`];
  });
}

export function replayPlan(env: PlanEnv, choice: ReplayChoice): ActionPlan {
  const found = capabilityFor(env.session, 'dlq', 'replay');
  if (!found) throw new Error('no source of the DLQ pane can replay');
  const cap = found.capability;
  const {entity, target, reasons, messages} = choice;
  const plan: ReplayPlan = {entity: entity.entity, target, reason: reasons.length === 1 ? reasons[0] : undefined, maxCount: choice.maxCount, messages};
  // One command line per reason: the runbook's tool filters by one reason; together they replay what the dry run shows.
  const counts = byReason(messages);
  const perReason = (reason: string, n: number) => cap.command({...plan, reason, maxCount: n, messages: messages.filter((m) => m.reason === reason)});
  const command = reasons.length > 1 ? [...counts].map(([reason, n]) => perReason(reason, n)).join('\n') : cap.command(plan);
  const large = messages.length > env.session.context.largeReplay;
  const warnings = nonReplayWarnings(messages);
  const named = reasons.length ? ` (${reasons.join(', ')})` : '';
  return {
    kind: 'replay',
    title: `Replay ${messages.length} dead letter${messages.length === 1 ? '' : 's'} of ${entity.entity}${named}`,
    target: entity.entity,
    where: `${whereContext(env)} · from ${entity.entity}/$DeadLetterQueue to ${target.label}`,
    effect: `each message is sent as a copy with id <message-id>:<dlq-sequence> and completed in the DLQ only after the copy was accepted`,
    command,
    blastRadius: blastRadius(choice),
    notes: [
      ...warnings,
      ...(large ? [`large replay (> ${env.session.context.largeReplay}): a reason is required`] : []),
      ...(warnings.length ? ['reasons whose runbook action is not replay were chosen: a reason is required'] : []),
    ],
    params: {
      entity: entity.entity,
      target: target.entity,
      reasons: reasons.length ? reasons : 'any',
      maxCount: choice.maxCount,
      sequenceNumbers: messages.map((m) => m.sequenceNumber),
    },
    before: {deadLetter: entity.deadLetter, active: entity.active},
    requireReason: large || warnings.length > 0,
    pane: 'dlq',
    cancellable: true,
    // The declared rules (src/actions/defs/replay.tsx) are checked before this, by the host.
    async preconditions() {
      if (messages.length === 0) return 'refused: the dry run selected no messages';
      return undefined;
    },
    async run(control) {
      const outcome = await cap.replay(plan, control);
      const after = (await found.source.read('dlq', AbortSignal.timeout(10_000)).catch(() => undefined))?.entities.find((e) => e.entity === entity.entity);
      const ok = outcome.failed === 0 && outcome.skipped === 0;
      const parts = [`replayed ${outcome.replayed}/${messages.length} from ${entity.entity} to ${target.entity}`];
      if (outcome.stoppedEarly) parts.push(`stopped early${outcome.stopReason ? ` (${outcome.stopReason})` : ''}: ${outcome.skipped} left in the DLQ`);
      else if (outcome.skipped) parts.push(`${outcome.skipped} no longer in the DLQ`);
      if (outcome.failed) parts.push(`${outcome.failed} failed (${outcome.errors[0] ?? ''})`);
      return {
        ok,
        message: parts.join('; '),
        after: {deadLetter: after?.deadLetter, active: after?.active},
        details: {
          replayed: outcome.replayed,
          failed: outcome.failed,
          skipped: outcome.skipped,
          stoppedEarly: outcome.stoppedEarly,
          sentNotCompleted: outcome.sentNotCompleted,
          errors: outcome.errors.slice(0, 5),
          ...(outcome.resolved ? {resolved: outcome.resolved.slice(0, 5)} : {}),
          ...(outcome.stopReason ? {stopReason: outcome.stopReason} : {}),
        },
      };
    },
  };
}
