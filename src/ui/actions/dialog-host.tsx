// Renders the one open dialog for the current flow step and wires its outcome to the next step.
import type {Dispatch, SetStateAction} from 'react';
import type {PlanEnv} from '../../actions/env.js';
import {freezePlan, freezer} from '../../actions/freeze.js';
import {replayPlan} from '../../actions/replay.js';
import {rollbackPlan} from '../../actions/rollback.js';
import type {ActionRecord} from '../../actions/runner.js';
import type {ActionPlan, Confirmation} from '../../actions/types.js';
import {capabilityFor} from '../../data/session.js';
import type {Freeze} from '../../data/sources/types.js';
import {useCockpit} from '../context.js';
import {ConfirmDialog} from '../dialogs/confirm-dialog.js';
import {KeyWait, useKeyHold} from '../keys/dispatcher.js';
import {FreezePicker} from '../dialogs/freeze-picker.js';
import {NoticeDialog} from '../dialogs/notice-dialog.js';
import {ProgressDialog} from '../dialogs/progress-dialog.js';
import {ReplayDryRun, ReplaySetup} from '../dialogs/replay-setup.js';
import {RollbackPicker} from '../dialogs/rollback-picker.js';
import type {Flow} from './flow.js';

export interface DialogHostProps {
  readonly flow: Flow | undefined;
  readonly setFlow: Dispatch<SetStateAction<Flow | undefined>>;
  readonly env: PlanEnv;
  readonly freezes: readonly Freeze[];
  toConfirm(plan: ActionPlan): void;
  onConfirmed(plan: ActionPlan, record: ActionRecord, c: Confirmation): void;
  onError(title: string, error: unknown): void;
}

/** How long keys typed after a dialog's answer wait for the next step (the journal write before it, a peek). */
const NEXT_STEP_MS = 5_000;

/** Flows whose dialog already produced its outcome: a second key before the next render must not act twice. */
const consumed = new WeakSet<Flow>();

export function DialogHost({flow, setFlow, env, freezes, toConfirm, onConfirmed, onError}: DialogHostProps) {
  const {session} = useCockpit();
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
  const close = once(() => setFlow(undefined), false);
  const attempt = (title: string, build: () => ActionPlan) => {
    try {
      toConfirm(build());
    } catch (error) {
      onError(title, error);
    }
  };
  switch (flow.step) {
    case 'notice':
      return <NoticeDialog title={flow.title} text={flow.text} tone={flow.tone} onClose={close} />;
    case 'loading':
      return (
        <>
          <KeyWait />
          <NoticeDialog title={flow.title} text="Please wait… (Esc cancels)" tone="info" onClose={close} />
        </>
      );
    case 'rollback-pick':
      return <RollbackPicker target={flow.ref} history={flow.history} initial={flow.initial} onCancel={close} onPick={once((to) => attempt('Rollback', () => rollbackPlan(env, flow.ref, flow.history, to)))} />;
    case 'replay-setup':
      return (
        <ReplaySetup
          entity={flow.entity}
          targets={flow.targets}
          onCancel={close}
          onNext={once((filter) => {
            const inspect = capabilityFor(session, 'dlq', 'inspect');
            if (!inspect) return onError('Replay', new Error('no source of the DLQ pane can peek messages'));
            inspect.capability
              .peek(flow.entity.entity, {max: filter.maxCount, reason: filter.reason}, AbortSignal.timeout(15_000))
              .then((messages) => setFlow({step: 'replay-dryrun', entity: flow.entity, filter, messages, targets: flow.targets}))
              .catch((e: unknown) => onError('Replay: dry run failed', e));
          })}
        />
      );
    case 'replay-dryrun':
      return (
        <ReplayDryRun
          entity={flow.entity}
          filter={flow.filter}
          messages={flow.messages}
          onBack={once(() => setFlow({step: 'replay-setup', entity: flow.entity, targets: flow.targets}))}
          onNext={once(() => attempt('Replay', () => replayPlan(env, {entity: flow.entity, target: flow.filter.target, reason: flow.filter.reason, maxCount: flow.filter.maxCount, messages: flow.messages})))}
        />
      );
    case 'freeze-pick': {
      const cap = freezer(session);
      return <FreezePicker on={flow.on} kinds={cap?.kinds ?? []} active={freezes} describe={(k) => cap?.describe(k) ?? k} onCancel={close} onPick={once((k) => attempt('Freeze', () => freezePlan(env, k, flow.on)))} />;
    }
    case 'confirm':
      return <ConfirmDialog plan={flow.plan} production={session.context.production} onDone={once((c) => onConfirmed(flow.plan, flow.record, c))} />;
    case 'running':
      return (
        <ProgressDialog
          plan={flow.plan}
          progress={flow.progress}
          stopping={flow.stopping}
          onStop={() => {
            flow.abort.abort(new Error('stopped by the user'));
            setFlow({...flow, stopping: true});
          }}
        />
      );
  }
}
