// An action declared once: its key and `:` command, what it needs, the pane it holds still, its steps up to the
// plan, its confirm label and its rules. The keymap, the footer, `?` help, the command line, Tab completion and the
// dialog host are all derived from these definitions (issue 16); docs/actions.md, "Adding an action", shows one.
import type {ReactNode} from 'react';
import type {PaneId} from '../data/readings/types.js';
import type {Session} from '../data/session.js';
import type {PlanEnv} from './env.js';
import type {Rule, RuleSubject} from './rules.js';
import type {ActionPlan, ActionRequest} from './types.js';

/** What the definition's steps get: the session, the clock, snapshots and freezes (the same as plan builders). */
export type StepEnv = PlanEnv;

/** One choice of a pick step (an exact target when a request was ambiguous): a label, a detail, and what follows. */
export interface Choice {
  readonly label: string;
  readonly detail: string;
  next(): Next;
}

/** What a form step's view gets from the host: go on (its next step, built now or later), go back, or cancel. */
export interface StepIO {
  /** Builds the next step; a throw or a rejection shows `failTitle` with the error. Keys typed meanwhile wait for it. */
  next(build: () => Next, failTitle?: string): void;
  cancel(): void;
}

/** One step before the confirmation; the host renders it and the confirmation, progress and journal after it. */
export type Step =
  /** Explains and ends the flow (nothing to do, unknown target, capability missing). */
  | {readonly step: 'notice'; readonly title: string; readonly text: string; readonly tone?: 'info' | 'warn' | 'crit'}
  /** A wait (Esc cancels) while the next step is read: a revision history, a scale subresource. */
  | {readonly step: 'loading'; readonly title: string; readonly next: Promise<Step>; readonly failTitle: string}
  /** A list to choose one from (Enter continues, Esc cancels). */
  | {readonly step: 'pick'; readonly title: string; readonly choices: readonly Choice[]}
  /** The action's own dialog (a revision list, a filter, a form, a dry run): `render` draws it and answers through `io`. */
  | {readonly step: 'form'; render(io: StepIO): ReactNode}
  /** Starts the action afresh for an exact request: its rules are evaluated again (e.g. after a target pick). */
  | {readonly step: 'start'; readonly request: ActionRequest}
  /** The plan, ready for the confirmation dialog. `subject` is what the rules check it against (a freeze kind). */
  | {readonly step: 'plan'; readonly plan: ActionPlan; readonly subject?: RuleSubject};

/** A step, now or once read. */
export type Next = Step | Promise<Step>;

/** An action's `:` command: its word, the argument syntax `?` shows, parsing and Tab completion. */
export interface CommandSpec<R extends ActionRequest> {
  readonly word: string;
  /** The argument syntax shown in help and usage lines: `SERVICE[@REGION]`, `KIND`, `SERVICE@REGION N` ('' for none). */
  readonly usage: string;
  /** The request the argument text asks for, or the usage/error line to show. */
  parse(arg: string): R | string;
  /** The words Tab completes the argument from (what the session knows now). */
  complete?(session: Session): readonly string[];
}

/**
 * Where a key works: the five panes, or one of the views over them. Declared here, with the actions' keys, so that
 * src/actions needs nothing from src/ui (the keymap in src/ui/keys/ uses the same type).
 */
export type Place = 'panes' | 'detail' | 'help' | 'alerts' | 'journal' | 'timeline' | 'logs';

/** The key of an action: keys, footer hint and rank, help line, where the footer offers it. */
export interface KeySpec {
  readonly keys: readonly string[];
  readonly hint: string;
  readonly help: string;
  /** Footer importance where it works (lower is kept first); not in the footer when absent. */
  readonly footer?: number;
  readonly places?: readonly Place[];
  /** The panes whose focus makes the footer offer it (all when absent). */
  readonly panes?: readonly PaneId[];
}

export interface ActionDefinition<R extends ActionRequest = ActionRequest> {
  /** The journal's action name and the request's `kind`. */
  readonly kind: string;
  readonly key: KeySpec;
  readonly command: CommandSpec<R>;
  /** Whether the session can do it at all (a source capability); the footer offers the key only then. */
  available(session: Session): boolean;
  /** When the key acts on a selected row: that pane (or its detail view), and the flash line when none is selected. */
  readonly row?: {readonly pane: PaneId; readonly missing: string};
  /** The request the key asks for: from the selected row's key when `row` is declared. */
  request(rowKey?: string): R;
  /** How the journal names a request's target before it is resolved. */
  target(request: R): string;
  /** The pane whose data the steps depend on: held still (not repainted) while the action's dialogs are open. */
  readonly holds?: PaneId;
  /** Preconditions, evaluated before any dialog opens, again on the exact plan, and just before running. */
  readonly rules: readonly Rule[];
  /** What the rules check a request against (the freeze kind of `:freeze writes`). */
  subject?(request: R): RuleSubject;
  /** The confirm button's label: "Roll back", "Replay". */
  readonly confirmLabel: string;
  /** A reason is always required (otherwise only when the plan says so, e.g. a large replay). */
  readonly reasonRequired?: boolean;
  /** In a production context the person types the plan's target to confirm (default true). */
  readonly typedName?: boolean;
  /** The first step for a request that passed the rules. */
  start(request: R, env: StepEnv): Next;
}

/** Declares an action; the registry holds definitions of every request type. */
export function defineAction<R extends ActionRequest>(def: ActionDefinition<R>): ActionDefinition {
  return def as unknown as ActionDefinition;
}
