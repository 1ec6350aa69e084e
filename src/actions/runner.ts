// Carries out a confirmed plan: re-checks preconditions just before running, runs it, and journals every step.
import {randomUUID} from 'node:crypto';
import {describeError} from '../data/errors.js';
import type {Progress} from '../data/sources/types.js';
import type {Identity} from './identity.js';
import type {Journal, JournalPhase, JournalRecord} from './journal.js';
import type {ActionKind, ActionPlan, ActionResult, Confirmed} from './types.js';

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

  /** `rules` re-checks the action's declared rules just before running (before the plan's own preconditions). */
  constructor(
    private readonly plan: ActionPlan,
    private readonly scope: ActionScope,
    private readonly rules: () => Promise<string | undefined> = () => Promise.resolve(undefined),
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

  /** Records a cancelled dialog. */
  cancelled(why: string): Promise<void> {
    return this.write('cancelled', {message: why});
  }

  /**
   * The person confirmed: re-checks the preconditions just before running. A refusal is journaled as "refused"
   * (with what the person gave), never as "confirmed": an action that cannot run was not confirmed to run.
   */
  async confirm(c: Confirmed): Promise<string | undefined> {
    this.reason = c.reason;
    this.incident = c.incident;
    const refusal = (await this.rules()) ?? (await this.plan.preconditions());
    if (refusal) {
      await this.write('refused', {message: refusal});
      return refusal;
    }
    await this.write('confirmed');
    return undefined;
  }

  /** Runs a confirmed plan, and records started / finished / failed. */
  async execute(signal: AbortSignal, onProgress: (p: Progress) => void): Promise<ActionResult> {
    await this.write('started');
    let result: ActionResult;
    try {
      result = await this.plan.run({signal, progress: onProgress}, {reason: this.reason, incident: this.incident, actionId: this.actionId});
    } catch (error) {
      result = {ok: false, message: `${this.plan.kind} failed: ${describeError(error)}`};
    }
    await this.write(result.ok ? 'finished' : 'failed', {after: result.after, result: {ok: result.ok, ...result.details}, message: result.message});
    return result;
  }
}

/** An attempt refused before any dialog opened: one "refused" entry (nothing was planned or confirmed). */
export async function recordRefusal(scope: ActionScope, action: ActionKind, target: string, message: string): Promise<void> {
  const {journal, identity, context, environment} = scope;
  await journal.append({actionId: randomUUID(), action, phase: 'refused', who: identity, context, environment, target, message});
}

function plan(p: ActionPlan): string {
  return `${p.title} · ${p.where} · command: ${p.command}`;
}
