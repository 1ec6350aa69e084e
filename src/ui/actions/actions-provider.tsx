// The dialog host and action controller: turns a request into its action's steps, then confirms, runs and journals
// the plan. One dialog at a time (gemini-cli DialogManager); the pane an action holds is held still while its dialog
// is open. Nothing here names an action: each is declared once in src/actions/defs.
import {createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode} from 'react';
import type {ActionDefinition} from '../../actions/definition.js';
import {refusalLive, refusalNow, type PlanEnv} from '../../actions/env.js';
import type {RuleSubject} from '../../actions/rules.js';
import {ActionRecord, recordRefusal} from '../../actions/runner.js';
import type {ActionPlan, ActionRequest, Confirmation} from '../../actions/types.js';
import {describeError} from '../../data/errors.js';
import type {PaneId} from '../../data/readings/types.js';
import {useCockpit} from '../context.js';
import {useFreezes} from '../hooks/use-freezes.js';
import type {Tone} from '../theme.js';
import {DialogHost} from './dialog-host.js';
import {heldPanes, type Flow, type FlowStep} from './flow.js';
import {startAction, type StartDeps} from './start.js';
import {useActionDefs} from './use-action-defs.js';

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

let flowIds = 0;

export function ActionsProvider({children, onResult}: ActionsProviderProps) {
  const cockpit = useCockpit();
  const {session, clock, journal, identity} = cockpit;
  const actions = useActionDefs();
  const freezes = useFreezes();
  const [flow, setFlow] = useState<Flow | undefined>();
  // The flow as last opened, ahead of renders: a step read in the background checks it is still awaited.
  const flowRef = useRef<Flow | undefined>(undefined);
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
      teamActions: () => session.team.snapshot().value ?? [],
    }),
    [session, identity, clock],
  );
  const scope = useMemo(() => ({journal, identity, context: session.context.name, environment: session.context.environment}), [journal, identity, session]);
  const show = useCallback((step: FlowStep | undefined): Flow | undefined => {
    const next = step ? ({...step, id: ++flowIds} as Flow) : undefined;
    flowRef.current = next;
    setFlow(next);
    return next;
  }, []);
  const notice = useCallback((title: string, text: string, tone: Tone = 'warn') => void show({step: 'notice', title, text, tone}), [show]);
  const fail = useCallback((title: string) => (error: unknown) => notice(title, describeError(error), 'crit'), [notice]);
  const refuse = useCallback(
    (def: ActionDefinition, target: string, message: string) => {
      // A read-only cockpit (a wall terminal) only explains: it writes nothing, its journal included.
      if (session.context.readOnly) return notice('Read-only', message, 'warn');
      notice('Refused', message, 'crit');
      recordRefusal(scope, def.kind, target, message).catch(fail('Journal'));
    },
    [session, scope, notice, fail],
  );

  const toConfirm = useCallback(
    async (def: ActionDefinition, plan: ActionPlan, subject: RuleSubject | undefined) => {
      // The rules again, now that the target is exact: the picker may have been open while a freeze arrived.
      const refusal = refusalNow(env, def, subject);
      if (refusal) return refuse(def, plan.target, refusal);
      const record = new ActionRecord(plan, scope, () => refusalLive(env, def, subject));
      await record.planned();
      show({step: 'confirm', plan, record, def});
    },
    [env, scope, refuse, show],
  );

  const deps: StartDeps = useMemo(
    () => ({
      env,
      actions,
      show,
      current: () => flowRef.current,
      notice,
      refuse,
      toConfirm: (def, plan, subject) => void toConfirm(def, plan, subject).catch(fail('Action')),
      fail,
    }),
    [env, actions, show, notice, refuse, toConfirm, fail],
  );
  const begin = useCallback(
    (request: ActionRequest) => {
      if (!flowRef.current) startAction(request, deps);
    },
    [deps],
  );

  const confirmed = useCallback(
    async (plan: ActionPlan, record: ActionRecord, c: Confirmation) => {
      if (c.outcome === 'cancelled') {
        await record.cancelled(c.why);
        show(undefined);
        onResult(`${plan.title}: cancelled`, 'info');
        return;
      }
      const refusal = await record.confirm(c);
      if (refusal) return notice('Refused', refusal, 'crit');
      const abort = new AbortController();
      show({step: 'running', plan, stopping: false, abort});
      const result = await record.execute(abort.signal, (progress) => setFlow((f) => (f?.step === 'running' ? {...f, progress} : f)));
      show(undefined);
      setFinished((n) => n + 1);
      onResult(result.message, result.ok ? 'ok' : 'crit');
      for (const pane of new Set<PaneId>(['health', 'dlq', ...(plan.pane ? [plan.pane] : [])])) session.feeds[pane].refresh();
      session.freezes.refresh();
      // A replayed message must not stay listed in an open DLQ detail until R (issue 13).
      session.peeks.refresh();
    },
    [onResult, session, notice, show],
  );

  const value: Actions = useMemo(
    () => ({begin, open: flow !== undefined, running: flow?.step === 'running', paused: heldPanes(flow), finished}),
    [begin, flow, finished],
  );

  return (
    <ActionsContext.Provider value={value}>
      {children}
      <DialogHost
        flow={flow}
        show={show}
        update={setFlow}
        deps={deps}
        production={session.context.production}
        onConfirmed={(plan, record, c) => void confirmed(plan, record, c).catch(fail(plan.title))}
      />
    </ActionsContext.Provider>
  );
}
