// The dialog host's state: at most one dialog, as one of these steps. Nothing here names an action: the steps before
// the confirmation come from the action's definition (src/actions/definition.ts).
import type {ReactNode} from 'react';
import type {ActionDefinition, Choice, StepIO} from '../../actions/definition.js';
import type {ActionRecord} from '../../actions/runner.js';
import type {ActionPlan, Progress} from '../../actions/types.js';
import type {PaneId} from '../../data/readings/types.js';
import type {Tone} from '../theme.js';

/** What every open step carries: a fresh id (a new step is a new dialog), its action, the pane it holds still. */
interface Open {
  readonly id: number;
  readonly def?: ActionDefinition;
  readonly holds?: PaneId;
}

export type Flow = Open &
  (
    | {readonly step: 'notice'; readonly title: string; readonly text: string; readonly tone: Tone}
    | {readonly step: 'loading'; readonly title: string}
    | {readonly step: 'pick'; readonly title: string; readonly choices: readonly Choice[]}
    | {readonly step: 'form'; render(io: StepIO): ReactNode}
    | {readonly step: 'confirm'; readonly plan: ActionPlan; readonly record: ActionRecord}
    | {readonly step: 'running'; readonly plan: ActionPlan; readonly progress?: Progress; readonly stopping: boolean; readonly abort: AbortController}
  );

/** A flow as its step builds it; the host gives it its id. */
export type FlowStep = Flow extends infer F ? (F extends Flow ? Omit<F, 'id'> : never) : never;

/** The panes held still while `flow` is open: the pane of the plan being confirmed, or what the action's step holds. */
export function heldPanes(flow: Flow | undefined): ReadonlySet<PaneId> {
  const paused = new Set<PaneId>();
  if (!flow || flow.step === 'running' || flow.step === 'notice') return paused;
  const pane = flow.step === 'confirm' ? flow.plan.pane : flow.holds;
  if (pane) paused.add(pane);
  return paused;
}
