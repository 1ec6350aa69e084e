// Carries out a confirmed plan: re-checks preconditions, runs it, and journals every step.
import {randomUUID} from 'node:crypto';
import {describeError} from '../data/errors.js';
import type {Progress} from '../data/sources/types.js';
import type {Identity} from './identity.js';
import type {Journal, JournalPhase, JournalRecord} from './journal.js';
import type {ActionPlan, ActionResult, Confirmation} from './types.js';

export interface ActionScope {
  readonly journal: Journal;
  readonly identity: Identity;
  readonly context: string;
  readonly environment: string;
}

/** One action's journal thread: every phase is written with the same action id. */
export class ActionRecord {
  readonly actionId = randomUUID();
  private reason?: string;
  private incident?: string;

  constructor(
    private readonly plan: ActionPlan,
    private readonly scope: ActionScope,
  ) {}

  async write(phase: JournalPhase, extra: Partial<JournalRecord> = {}): Promise<void> {
    const {plan, scope} = this;
    await scope.journal.append({
      actionId: this.actionId,
      action: plan.kind,
      phase,
      who: scope.identity,
      context: scope.context,
      environment: scope.environment,
      target: plan.target,
      params: plan.params,
      reason: this.reason,
      incident: this.incident,
      before: plan.before,
      ...extra,
    });
  }

  /** Records the plan as shown to the person. */
  planned(): Promise<void> {
    return this.write('planned', {message: plan(this.plan)});
  }

  /** Records the dialog's outcome. */
  async confirmation(c: Confirmation): Promise<void> {
    if (c.outcome === 'cancelled') return this.write('cancelled', {message: c.why});
    this.reason = c.reason;
    this.incident = c.incident;
    return this.write('confirmed');
  }

  refused(why: string): Promise<void> {
    return this.write('refused', {message: why});
  }

  /** Re-checks preconditions, runs, and records started / finished / failed. */
  async execute(signal: AbortSignal, onProgress: (p: Progress) => void): Promise<ActionResult> {
    const refusal = await this.plan.preconditions();
    if (refusal) {
      await this.refused(refusal);
      return {ok: false, message: refusal};
    }
    await this.write('started');
    let result: ActionResult;
    try {
      result = await this.plan.run({signal, progress: onProgress}, {reason: this.reason, incident: this.incident});
    } catch (error) {
      result = {ok: false, message: `${this.plan.kind} failed: ${describeError(error)}`};
    }
    await this.write(result.ok ? 'finished' : 'failed', {after: result.after, result: {ok: result.ok, ...result.details}, message: result.message});
    return result;
  }
}

function plan(p: ActionPlan): string {
  return `${p.title} · ${p.where} · command: ${p.command}`;
}
