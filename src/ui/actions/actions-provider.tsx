// The dialog host and action controller: turns a request into a flow of dialogs, then runs and journals the action.
// One dialog at a time (gemini-cli DialogManager); the affected pane is held still while its dialog is open.
import {createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode} from 'react';
import {freezePlan, freezer} from '../../actions/freeze.js';
import type {PlanEnv} from '../../actions/env.js';
import {defaultRevision} from '../../actions/rollback.js';
import {readOnlyRefusal} from '../../actions/rules.js';
import {ActionRecord} from '../../actions/runner.js';
import type {ActionPlan, ActionRequest, Confirmation} from '../../actions/types.js';
import {describeError} from '../../data/errors.js';
import type {PaneId} from '../../data/readings/types.js';
import {capabilityFor} from '../../data/session.js';
import {useCockpit} from '../context.js';
import {useFreezes} from '../hooks/use-freezes.js';
import type {Tone} from '../theme.js';
import {DialogHost} from './dialog-host.js';
import type {Flow} from './flow.js';

export interface Actions {
  begin(request: ActionRequest): void;
  readonly open: boolean;
  readonly running: boolean;
  readonly paused: ReadonlySet<PaneId>;
}

const ActionsContext = createContext<Actions>({begin: () => undefined, open: false, running: false, paused: new Set()});

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

  const toConfirm = useCallback(
    async (plan: ActionPlan) => {
      const record = new ActionRecord(plan, scope);
      await record.planned();
      setFlow({step: 'confirm', plan, record});
    },
    [scope],
  );

  const begin = useCallback(
    (request: ActionRequest) => {
      if (flow) return;
      const ctx = session.context;
      if (ctx.readOnly) {
        notice('Read-only', readOnlyRefusal(ctx.readOnlyReason), 'warn');
        return;
      }
      if (request.kind === 'rollback') {
        const found = capabilityFor(session, 'health', 'rollback');
        if (!found) return notice('Rollback unavailable', `No source of the health pane in context ${ctx.name} can roll back (sources: ${ctx.panes.health.join(', ') || 'none'}).`);
        const rows = session.feeds.health.snapshot().value?.services ?? [];
        const row = rows.find((r) => r.service === request.service && (!request.region || r.region === request.region));
        if (!row) return notice('Rollback', `Unknown service "${request.service}${request.region ? `@${request.region}` : ''}". Known: ${[...new Set(rows.map((r) => `${r.service}@${r.region}`))].slice(0, 12).join(', ')}`);
        const ref = {service: row.service, region: row.region};
        setFlow({step: 'loading', title: `Reading the revision history of ${ref.service}@${ref.region}…`});
        found.capability
          .history(ref, AbortSignal.timeout(15_000))
          .then((history) => {
            if (history.length < 2) return notice('Rollback', `${ref.service}@${ref.region} has no earlier revision to roll back to.`);
            const target = defaultRevision(history);
            setFlow({step: 'rollback-pick', ref, history, initial: Math.max(0, history.findIndex((h) => h === target))});
          })
          .catch(fail('Rollback: cannot read the revision history'));
        return;
      }
      if (request.kind === 'replay') {
        const found = capabilityFor(session, 'dlq', 'replay');
        if (!found) return notice('Replay unavailable', `No source of the DLQ pane in context ${ctx.name} can replay.`);
        const entities = session.feeds.dlq.snapshot().value?.entities ?? [];
        const entity = entities.find((e) => e.entity === request.entity) ?? entities.find((e) => e.entity.endsWith(`/${request.entity}`) || e.entity.replace('/Subscriptions/', '/') === request.entity);
        if (!entity) return notice('Replay', `Unknown entity "${request.entity}".`);
        setFlow({step: 'replay-setup', entity, targets: found.capability.targets(entity)});
        return;
      }
      const cap = freezer(session);
      if (!cap) return notice('Freeze unavailable', `No source of context ${ctx.name} can freeze.`);
      if (request.freeze) {
        try {
          void toConfirm(freezePlan(env, request.freeze, request.kind === 'freeze')).catch(fail('Freeze'));
        } catch (error) {
          fail('Freeze')(error);
        }
        return;
      }
      setFlow({step: 'freeze-pick', on: request.kind === 'freeze'});
    },
    [flow, session, env, toConfirm, notice, fail],
  );

  const confirmed = useCallback(
    async (plan: ActionPlan, record: ActionRecord, c: Confirmation) => {
      await record.confirmation(c);
      if (c.outcome === 'cancelled') {
        setFlow(undefined);
        onResult(`${plan.title}: cancelled`, 'info');
        return;
      }
      const refusal = await plan.preconditions();
      if (refusal) {
        await record.refused(refusal);
        notice('Refused', refusal, 'crit');
        return;
      }
      const abort = new AbortController();
      setFlow({step: 'running', plan, stopping: false, abort});
      const result = await record.execute(abort.signal, (progress) => setFlow((f) => (f?.step === 'running' ? {...f, progress} : f)));
      setFlow(undefined);
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
    return {begin, open: flow !== undefined, running: flow?.step === 'running', paused};
  }, [begin, flow]);

  return (
    <ActionsContext.Provider value={actions}>
      {children}
      <DialogHost flow={flow} setFlow={setFlow} env={env} toConfirm={(p) => void toConfirm(p).catch(fail('Action'))} onConfirmed={(plan, record, c) => void confirmed(plan, record, c).catch(fail(plan.title))} onError={(title, e) => fail(title)(e)} freezes={freezes} />
    </ActionsContext.Provider>
  );
}
