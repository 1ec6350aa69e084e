// Renders the one open dialog for the current flow step and wires its outcome to the next step. Generic: a notice,
// a wait, a pick, the action's own form, then the one confirmation and the progress every action shares.
import {keysOf} from '../keys/dialog-keys.js';
import {Fragment, type Dispatch, type SetStateAction} from 'react';
import type {Next, StepIO} from '../../actions/definition.js';
import type {ActionRecord} from '../../actions/runner.js';
import type {ActionPlan, Confirmation} from '../../actions/types.js';
import {ConfirmDialog} from '../dialogs/confirm-dialog.js';
import {NoticeDialog} from '../dialogs/notice-dialog.js';
import {ProgressDialog} from '../dialogs/progress-dialog.js';
import {TargetPicker} from '../dialogs/target-picker.js';
import {KeyWait, useKeyHold} from '../keys/dispatcher.js';
import type {Flow, FlowStep} from './flow.js';
import {actionTitle, advance, attempt, type StartDeps} from './start.js';

export interface DialogHostProps {
  readonly flow: Flow | undefined;
  show(step: FlowStep | undefined): void;
  readonly update: Dispatch<SetStateAction<Flow | undefined>>;
  readonly deps: StartDeps;
  readonly production: boolean;
  onConfirmed(plan: ActionPlan, record: ActionRecord, c: Confirmation): void;
}

/** How long keys typed after a dialog's answer wait for the next step (the journal write before it, a peek). */
const NEXT_STEP_MS = 5_000;

/** Flows whose dialog already produced its outcome: a second key before the next render must not act twice. */
const consumed = new WeakSet<Flow>();

export function DialogHost({flow, show, update, deps, production, onConfirmed}: DialogHostProps) {
  const hold = useKeyHold();
  if (!flow) return null;
  const once =
    <A extends unknown[]>(fn: (...args: A) => void, opensNext = true) =>
    (...args: A) => {
      if (consumed.has(flow)) return;
      consumed.add(flow);
      // The next step may open after an await (the journal): keys typed meanwhile are for it, and wait until this
      // dialog gives way (issue 13). A slow disk must not hand them to this dialog, which has already answered.
      if (opensNext) hold(NEXT_STEP_MS);
      fn(...args);
    };
  const close = once(() => show(undefined), false);
  const def = flow.def;
  const next = (build: () => Next, failTitle?: string) => {
    if (!def) return;
    const title = failTitle ?? actionTitle(def);
    advance(def, attempt(build, deps, title), deps, title);
  };
  const io: StepIO = {next: once(next), cancel: close};
  return <Fragment key={flow.id}>{dialog(flow, io, close, update, production, once, onConfirmed)}</Fragment>;
}

function dialog(
  flow: Flow,
  io: StepIO,
  close: () => void,
  update: Dispatch<SetStateAction<Flow | undefined>>,
  production: boolean,
  once: <A extends unknown[]>(fn: (...args: A) => void) => (...args: A) => void,
  onConfirmed: DialogHostProps['onConfirmed'],
) {
  switch (flow.step) {
    case 'notice':
      return <NoticeDialog title={flow.title} text={flow.text} tone={flow.tone} onClose={close} />;
    case 'loading':
      return (
        <>
          <KeyWait />
          <NoticeDialog title={flow.title} text={`Please wait… (${keysOf('cancel')} cancels)`} tone="info" onClose={close} />
        </>
      );
    case 'pick':
      return <TargetPicker title={flow.title} choices={flow.choices} onCancel={close} onPick={(choice) => io.next(() => choice.next())} />;
    case 'form':
      return flow.render(io);
    case 'confirm':
      return (
        <ConfirmDialog
          plan={flow.plan}
          production={production}
          typedName={production && flow.def?.typedName !== false}
          confirmLabel={flow.def?.confirmLabel ?? 'Confirm'}
          reasonRequired={flow.plan.requireReason || flow.def?.reasonRequired === true}
          onDone={once((c: Confirmation) => onConfirmed(flow.plan, flow.record, c))}
        />
      );
    case 'running':
      return (
        <ProgressDialog
          plan={flow.plan}
          progress={flow.progress}
          stopping={flow.stopping}
          onStop={() => {
            flow.abort.abort(new Error('stopped by the user'));
            update((f) => (f?.step === 'running' ? {...f, stopping: true} : f));
          }}
        />
      );
  }
}
