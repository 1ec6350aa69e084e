// The reason breakdown and oldest age per entity, from a bounded peek of its DLQ. Per refresh at most
// `peekEntities` entities are peeked (new or changed ones first, then the stalest), `peekPerEntity` messages each;
// the rest keep their last breakdown. Entities without dead letters are never peeked.
import {mapLimit, type EntityCounts} from './admin.js';
import type {DlqPeeker} from './peek.js';
import {reasonOf} from './peek.js';
import {serviceBusError} from './errors.js';

/** What one peek of an entity's DLQ found. */
export interface ReasonSample {
  /** DLQ depth when it was peeked. */
  readonly depth: number;
  readonly at: number;
  /** Reason → count among the peeked (oldest) messages. */
  readonly reasons: Readonly<Record<string, number>>;
  /** Enqueued time of the oldest dead letter. */
  readonly oldestEnqueuedAt?: number;
  readonly sampled: number;
}

/** Settings of the reason sampler. */
export interface ReasonOptions {
  readonly peekPerEntity: number;
  readonly peekEntities: number;
  readonly reasonsEveryMs: number;
  readonly concurrency: number;
}

/** Keeps the last sample of every entity and refreshes a bounded number per read. */
export class ReasonSampler {
  private readonly samples = new Map<string, ReasonSample>();
  /** Peeks made by the last refresh (tests and the docs' requests-per-refresh figure). */
  lastPeeks = 0;

  constructor(
    private readonly peeker: DlqPeeker,
    private readonly options: ReasonOptions,
  ) {}

  /** The entities to peek now, most urgent first. */
  due(entities: readonly EntityCounts[], now: number): EntityCounts[] {
    const urgency = (e: EntityCounts): number => {
      const s = this.samples.get(e.path);
      if (!s) return 3;
      if (s.depth !== e.deadLetter) return 2;
      return now - s.at >= this.options.reasonsEveryMs ? 1 : 0;
    };
    return entities
      .filter((e) => e.deadLetter > 0 && urgency(e) > 0)
      .sort((a, b) => urgency(b) - urgency(a) || (this.samples.get(a.path)?.at ?? 0) - (this.samples.get(b.path)?.at ?? 0) || b.deadLetter - a.deadLetter)
      .slice(0, this.options.peekEntities);
  }

  /** Peeks the due entities (a failed peek keeps the previous sample; its error is returned) and forgets empty DLQs. */
  async refresh(entities: readonly EntityCounts[], now: number, signal: AbortSignal): Promise<string[]> {
    for (const e of entities) if (e.deadLetter === 0) this.samples.delete(e.path);
    const known = new Set(entities.map((e) => e.path));
    for (const path of this.samples.keys()) if (!known.has(path)) this.samples.delete(path);
    const due = this.options.peekPerEntity > 0 ? this.due(entities, now) : [];
    this.lastPeeks = due.length;
    const errors: string[] = [];
    await mapLimit(due, this.options.concurrency, async (e) => {
      try {
        const messages = await this.peeker.page(e.path, 0, this.options.peekPerEntity, signal);
        const reasons: Record<string, number> = {};
        for (const m of messages) {
          const reason = reasonOf(m);
          reasons[reason] = (reasons[reason] ?? 0) + 1;
        }
        this.samples.set(e.path, {depth: e.deadLetter, at: now, reasons, oldestEnqueuedAt: messages[0]?.enqueuedTimeUtc?.getTime(), sampled: messages.length});
      } catch (error) {
        // The depth still shows; the breakdown stays as last seen and is retried on the next refresh.
        errors.push(`${e.path}: ${serviceBusError('peek', error).message}`);
      }
    });
    return errors;
  }

  sample(path: string): ReasonSample | undefined {
    return this.samples.get(path);
  }
}
