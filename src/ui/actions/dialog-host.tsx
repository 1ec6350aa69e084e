// Renders the one open dialog for the current flow step and wires its outcome to the next step.
import type {Dispatch, SetStateAction} from 'react';
import type {PlanEnv} from '../../actions/env.js';
import {freezePlan, freezer} from '../../actions/freeze.js';
import {replayPlan} from '../../actions/replay.js';
import {rollbackPlan} from '../../actions/rollback.js';
import type {ActionRecord} from '../../actions/runner.js';
import type {ActionPlan, ActionRequest, Confirmation} from '../../actions/types.js';
import {capabilityFor, type Session} from '../../data/session.js';
import type {DlqMessage} from '../../data/sources/types.js';
import {useCockpit} from '../context.js';
import {ConfirmDialog} from '../dialogs/confirm-dialog.js';
import {KeyWait, useKeyHold} from '../keys/dispatcher.js';
import {FreezePicker} from '../dialogs/freeze-picker.js';
import {NoticeDialog} from '../dialogs/notice-dialog.js';
import {ProgressDialog} from '../dialogs/progress-dialog.js';
import {ReplayDryRun, ReplaySetup, type ReplayFilter} from '../dialogs/replay-setup.js';
import {RollbackPicker} from '../dialogs/rollback-picker.js';
import {TargetPicker} from '../dialogs/target-picker.js';
import type {Flow} from './flow.js';

export interface DialogHostProps {
  readonly flow: Flow | undefined;
  readonly setFlow: Dispatch<SetStateAction<Flow | undefined>>;
  readonly env: PlanEnv;
  /** Starts an action afresh (its rules are evaluated again), e.g. once the target picker chose an exact target. */
  start(request: ActionRequest): void;
  toConfirm(plan: ActionPlan): void;
  onConfirmed(plan: ActionPlan, record: ActionRecord, c: Confirmation): void;
  onError(title: string, error: unknown): void;
}

/** How long keys typed after a dialog's answer wait for the next step (the journal write before it, a peek). */
const NEXT_STEP_MS = 5_000;

/** Flows whose dialog already produced its outcome: a second key before the next render must not act twice. */
const consumed = new WeakSet<Flow>();

/** The dry run: the first `maxCount` dead letters of the chosen reasons, in DLQ order (one peek per reason). */
async function dryRun(session: Session, entity: string, filter: ReplayFilter): Promise<readonly DlqMessage[]> {
  const inspect = capabilityFor(session, 'dlq', 'inspect');
  if (!inspect) throw new Error('no source of the DLQ pane can peek messages');
  const signal = AbortSignal.timeout(15_000);
  if (filter.reasons.length === 0) return inspect.capability.peek(entity, {max: filter.maxCount}, signal);
  const pages = await Promise.all(filter.reasons.map((reason) => inspect.capability.peek(entity, {max: filter.maxCount, reason}, signal)));
  return pages
    .flat()
    .sort((a, b) => a.sequenceNumber - b.sequenceNumber)
    .slice(0, filter.maxCount);
}

export function DialogHost({flow, setFlow, env, start, toConfirm, onConfirmed, onError}: DialogHostProps) {
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
    case 'target-pick':
      return (
        <TargetPicker
          title={flow.title}
          choices={flow.choices}
          onCancel={close}
          onPick={once((choice) => {
            setFlow(undefined);
            start(choice.request);
          })}
        />
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
            dryRun(session, flow.entity.entity, filter)
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
          onNext={once(() => {
            const {target, reasons, maxCount} = flow.filter;
            attempt('Replay', () => replayPlan(env, {entity: flow.entity, target, reasons, maxCount, messages: flow.messages}));
          })}
        />
      );
    case 'freeze-pick': {
      const cap = freezer(session);
      return (
        <FreezePicker
          on={flow.on}
          kinds={flow.kinds}
          all={cap?.kinds ?? []}
          active={env.freezes()}
          describe={(k) => cap?.describe(k) ?? k}
          onCancel={close}
          onPick={once((k) => attempt('Freeze', () => freezePlan(env, k, flow.on)))}
        />
      );
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
