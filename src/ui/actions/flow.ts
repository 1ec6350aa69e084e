// The dialog host's state: at most one dialog, as one of these steps.
import type {ActionRecord} from '../../actions/runner.js';
import type {ActionPlan, ActionRequest, Progress} from '../../actions/types.js';
import type {DlqEntity} from '../../data/readings/types.js';
import type {DlqMessage, FreezeKind, ReplayTarget, Revision, ServiceRef} from '../../data/sources/types.js';
import type {Tone} from '../theme.js';
import type {ReplayFilter} from '../dialogs/replay-setup.js';

/** One exact target offered by the target picker, and the request it stands for. */
export interface TargetChoice {
  readonly label: string;
  readonly detail: string;
  readonly request: ActionRequest;
}

export type Flow =
  | {readonly step: 'notice'; readonly title: string; readonly text: string; readonly tone: Tone}
  | {readonly step: 'loading'; readonly title: string}
  | {readonly step: 'target-pick'; readonly title: string; readonly choices: readonly TargetChoice[]}
  | {readonly step: 'rollback-pick'; readonly ref: ServiceRef; readonly history: readonly Revision[]; readonly initial: number}
  | {readonly step: 'replay-setup'; readonly entity: DlqEntity; readonly targets: readonly ReplayTarget[]}
  | {readonly step: 'replay-dryrun'; readonly entity: DlqEntity; readonly filter: ReplayFilter; readonly messages: readonly DlqMessage[]; readonly targets: readonly ReplayTarget[]}
  | {readonly step: 'freeze-pick'; readonly on: boolean; readonly kinds: readonly FreezeKind[]}
  | {readonly step: 'confirm'; readonly plan: ActionPlan; readonly record: ActionRecord}
  | {readonly step: 'running'; readonly plan: ActionPlan; readonly progress?: Progress; readonly stopping: boolean; readonly abort: AbortController};

export type {FreezeKind};
