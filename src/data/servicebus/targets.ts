// Where a replay can send copies, and the runbook's CLI line for it. A subscription's copies go to its topic,
// which fans them out to EVERY subscription; a configured forward target reaches one consumer only.
import type {DlqEntity} from '../readings/types.js';
import type {ReplayPlan, ReplayTarget} from '../sources/types.js';
import {splitPath} from './peek.js';

/** What the last listing knows about the namespace. */
export interface Topology {
  /** Topic → its subscriptions' paths. */
  readonly topics: ReadonlyMap<string, readonly string[]>;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function lookup(topics: ReadonlyMap<string, readonly string[]>, name: string): [string, readonly string[]] | undefined {
  const lower = name.toLowerCase();
  for (const entry of topics) if (entry[0].toLowerCase() === lower) return entry;
  return undefined;
}

/** A topic as a target: every subscription it has gets a copy. */
function topicTarget(topic: string, reaches: readonly string[], note: string): ReplayTarget {
  // The names themselves are listed by the dialog's blast radius (from `reaches`).
  const who = reaches.length === 1 ? 'its only subscription' : `EVERY subscription: ${plural(reaches.length, 'subscription')}`;
  return {entity: topic, label: `topic ${topic}${note} (reaches ${who})`, reaches: reaches.length ? reaches : [topic]};
}

/** The targets offered for `entity`, default first: the queue itself or the subscription's topic, then `forward`. */
export function replayTargets(entity: DlqEntity, topology: Topology, forward: Readonly<Record<string, string>>): ReplayTarget[] {
  const out: ReplayTarget[] = [];
  if (entity.kind === 'queue') {
    out.push({entity: entity.entity, label: `queue ${entity.entity} (back to its own consumer)`, reaches: [entity.entity]});
  } else {
    const parts = splitPath(entity.entity);
    const topic = entity.topic ?? ('topic' in parts ? parts.topic : entity.entity);
    const found = lookup(topology.topics, topic);
    out.push(topicTarget(found?.[0] ?? topic, found?.[1] ?? [entity.entity], ''));
  }
  const name = forward[entity.entity];
  if (name && name !== entity.entity) {
    const topic = lookup(topology.topics, name);
    out.push(
      topic
        ? topicTarget(topic[0], topic[1], ', forward target')
        : {entity: name, label: `queue ${name} (forward target: this consumer only)`, reaches: [name]},
    );
  }
  return out;
}

/** Quotes a value for a POSIX shell when it needs it. */
export function shellQuote(value: string): string {
  return /^[\w./:=@%+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The runbook's `atp-admin dlq replay` line for the same replay (section 10.2, "Safe Replay Procedure"). */
export function replayCommand(plan: ReplayPlan, consumers: Readonly<Record<string, string>>, defaultTarget: string | undefined): string {
  const consumer = consumers[plan.entity] ?? plan.entity;
  const filter = plan.reason ? ` --filter ${/^[\w.-]+$/.test(plan.reason) ? `"reason=${plan.reason}"` : shellQuote(`reason=${plan.reason}`)}` : '';
  const where = defaultTarget !== undefined && plan.target.entity !== defaultTarget ? `  # copies go to ${plan.target.entity} instead of ${defaultTarget}` : '';
  return `atp-admin dlq replay --consumer ${shellQuote(consumer)}${filter} --max-count ${plan.maxCount} --confirm${where}`;
}
