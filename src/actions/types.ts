// Actions are data: what, where, effect, command equivalent, blast radius, preconditions, and a cancellable run.
import type {PaneId} from '../data/readings/types.js';
import type {Progress, RunControl} from '../data/sources/types.js';

/** An action's name: the `kind` of its definition (src/actions/defs), its requests and its journal entries. */
export type ActionKind = string;

/** What a key or a `:` command asks for; the action's definition turns it into steps and a plan. */
export interface ActionRequest {
  readonly kind: ActionKind;
}

export interface ActionResult {
  readonly ok: boolean;
  readonly message: string;
  readonly after?: Readonly<Record<string, unknown>>;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** A fully described action, ready for the confirmation dialog. */
export interface ActionPlan {
  readonly kind: ActionKind;
  readonly title: string;
  /** The name a person must type to confirm in production (service, entity or freeze kind). */
  readonly target: string;
  readonly where: string;
  readonly effect: string;
  readonly command: string;
  readonly blastRadius: string;
  readonly notes?: readonly string[];
  readonly params: Readonly<Record<string, unknown>>;
  readonly before: Readonly<Record<string, unknown>>;
  readonly requireReason: boolean;
  /** The pane whose data the action depends on (paused while the dialog is open). */
  readonly pane?: PaneId;
  /** Esc cancels the run itself (replay); otherwise Esc only stops following it. */
  readonly cancellable: boolean;
  /** Undefined when the action may run; otherwise why it is refused. */
  preconditions(): Promise<string | undefined>;
  run(control: RunControl, confirmed: Confirmed): Promise<ActionResult>;
}

/** What the person gave when confirming. */
export interface Confirmed {
  readonly reason?: string;
  readonly incident?: string;
  /** The journal thread of this run (set by ActionRecord): backends record it so the team view can tell ours apart. */
  readonly actionId?: string;
}

/** Outcome of the confirmation dialog: typed, never a boolean in disguise. */
export type Confirmation =
  {readonly outcome: 'confirmed'; readonly reason?: string; readonly incident?: string} | {readonly outcome: 'cancelled'; readonly why: string};

export type {Progress};
