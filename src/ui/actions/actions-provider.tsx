// The dialog host and action controller: turns a request into a flow of dialogs, then runs and journals the action.
// One dialog at a time (gemini-cli DialogManager); the affected pane is held still while its dialog is open.
import {createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode} from 'react';
import {refusalNow, type PlanEnv} from '../../actions/env.js';
import {ActionRecord, recordRefusal} from '../../actions/runner.js';
import type {ActionKind, ActionPlan, ActionRequest, Confirmation} from '../../actions/types.js';
import {describeError} from '../../data/errors.js';
import type {PaneId} from '../../data/readings/types.js';
import type {FreezeKind} from '../../data/sources/types.js';
import {useCockpit} from '../context.js';
import {useFreezes} from '../hooks/use-freezes.js';
import type {Tone} from '../theme.js';
import {DialogHost} from './dialog-host.js';
import type {Flow} from './flow.js';
import {startAction} from './start.js';

export interface Actions {
  begin(request: ActionRequest): void;
  readonly open: boolean;
  readonly running: boolean;
  readonly paused: ReadonlySet<PaneId>;
  /** Counts finished actions: views that show what an action changes (the DLQ peek) read again when it moves. */
  readonly finished: number;
}

const ActionsContext = createContext<Actions>({begin: () => undefined, open: false, running: false, paused: new Set(), finished: 0});

export function useActions(): Actions {
  return useContext(ActionsContext);
}

export interface ActionsProviderProps {
  readonly children: ReactNode;
  /** Where results go (the flash line). */
  readonly onResult: (text: string, tone: Tone) => void;
}

export function ActionsProvider({children, onResult}: ActionsProviderProps) {
  const cockpit = useCockpit();
  const {session, clock, journal, identity} = cockpit;
  const freezes = useFreezes();
  const [flow, setFlow] = useState<Flow | undefined>();
  const [finished, setFinished] = useState(0);
  const freezesRef = useRef(freezes);
  freezesRef.current = freezes;

  const env: PlanEnv = useMemo(
    () => ({
      session,
      identity,
      now: () => clock.now(),
      freezes: () => freezesRef.current,
      snapshot: (pane) => session.feeds[pane].snapshot(),
    }),
    [session, identity, clock],
  );
  const scope = useMemo(() => ({journal, identity, context: session.context.name, environment: session.context.environment}), [journal, identity, session]);
  const notice = useCallback((title: string, text: string, tone: Tone = 'warn') => setFlow({step: 'notice', title, text, tone}), []);
  const fail = useCallback((title: string) => (error: unknown) => notice(title, describeError(error), 'crit'), [notice]);
  const refuse = useCallback(
    (kind: ActionKind, target: string, message: string) => {
      // A read-only cockpit (a wall terminal) only explains: it writes nothing, its journal included.
      if (session.context.readOnly) return notice('Read-only', message, 'warn');
      notice('Refused', message, 'crit');
      recordRefusal(scope, kind, target, message).catch(fail('Journal'));
    },
    [session, scope, notice, fail],
  );

  const toConfirm = useCallback(
    async (plan: ActionPlan) => {
      // The rules again, now that the target is exact: the picker may have been open while a freeze arrived.
      const refusal = refusalNow(env, plan.kind, plan.kind === 'freeze' || plan.kind === 'unfreeze' ? {freeze: plan.target as FreezeKind} : {});
      if (refusal) return refuse(plan.kind, plan.target, refusal);
      const record = new ActionRecord(plan, scope);
      await record.planned();
      setFlow({step: 'confirm', plan, record});
    },
    [env, scope, refuse],
  );
  const toConfirmSafe = useCallback((plan: ActionPlan) => void toConfirm(plan).catch(fail('Action')), [toConfirm, fail]);

  const start = useCallback(
    (request: ActionRequest) => startAction(request, {env, setFlow, notice, refuse, toConfirm: toConfirmSafe, fail}),
    [env, notice, refuse, toConfirmSafe, fail],
  );
  const begin = useCallback(
    (request: ActionRequest) => {
      if (!flow) start(request);
    },
    [flow, start],
  );

  const confirmed = useCallback(
    async (plan: ActionPlan, record: ActionRecord, c: Confirmation) => {
      if (c.outcome === 'cancelled') {
        await record.cancelled(c.why);
        setFlow(undefined);
        onResult(`${plan.title}: cancelled`, 'info');
        return;
      }
      const refusal = await record.confirm(c);
      if (refusal) return notice('Refused', refusal, 'crit');
      const abort = new AbortController();
      setFlow({step: 'running', plan, stopping: false, abort});
      const result = await record.execute(abort.signal, (progress) => setFlow((f) => (f?.step === 'running' ? {...f, progress} : f)));
      setFlow(undefined);
      setFinished((n) => n + 1);
      onResult(result.message, result.ok ? 'ok' : 'crit');
      for (const pane of ['health', 'dlq'] as const) session.feeds[pane].refresh();
      session.freezes.refresh();
    },
    [onResult, session, notice],
  );

  const actions: Actions = useMemo(() => {
    const paused = new Set<PaneId>();
    if (flow && flow.step !== 'running' && flow.step !== 'notice') {
      if (flow.step === 'confirm' && flow.plan.pane) paused.add(flow.plan.pane);
      if (flow.step === 'rollback-pick' || flow.step === 'loading') paused.add('health');
      if (flow.step === 'replay-setup' || flow.step === 'replay-dryrun') paused.add('dlq');
    }
    return {begin, open: flow !== undefined, running: flow?.step === 'running', paused, finished};
  }, [begin, flow, finished]);

  return (
    <ActionsContext.Provider value={actions}>
      {children}
      <DialogHost
        flow={flow}
        setFlow={setFlow}
        env={env}
        start={start}
        toConfirm={toConfirmSafe}
        onConfirmed={(plan, record, c) => void confirmed(plan, record, c).catch(fail(plan.title))}
        onError={(title, e) => fail(title)(e)}
      />
    </ActionsContext.Provider>
  );
}
