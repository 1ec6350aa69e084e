// The dialog host's state: at most one dialog, as one of these steps.
import type {ActionRecord} from '../../actions/runner.js';
import type {ActionPlan, Progress} from '../../actions/types.js';
import type {DlqEntity} from '../../data/readings/types.js';
import type {DlqMessage, FreezeKind, ReplayTarget, Revision, ServiceRef} from '../../data/sources/types.js';
import type {Tone} from '../theme.js';
import type {ReplayFilter} from '../dialogs/replay-setup.js';

export type Flow =
  | {readonly step: 'notice'; readonly title: string; readonly text: string; readonly tone: Tone}
  | {readonly step: 'loading'; readonly title: string}
  | {readonly step: 'rollback-pick'; readonly ref: ServiceRef; readonly history: readonly Revision[]; readonly initial: number}
  | {readonly step: 'replay-setup'; readonly entity: DlqEntity; readonly targets: readonly ReplayTarget[]}
  | {readonly step: 'replay-dryrun'; readonly entity: DlqEntity; readonly filter: ReplayFilter; readonly messages: readonly DlqMessage[]; readonly targets: readonly ReplayTarget[]}
  | {readonly step: 'freeze-pick'; readonly on: boolean}
  | {readonly step: 'confirm'; readonly plan: ActionPlan; readonly record: ActionRecord}
  | {readonly step: 'running'; readonly plan: ActionPlan; readonly progress?: Progress; readonly stopping: boolean; readonly abort: AbortController};

export type {FreezeKind};
