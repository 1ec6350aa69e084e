// The one keymap: it drives the handlers, the footer hints and the `?` help (gemini-cli keyBindings.ts).

export type CommandId =
  | 'focus-next'
  | 'focus-prev'
  | 'focus-pane'
  | 'move-up'
  | 'move-down'
  | 'page-up'
  | 'page-down'
  | 'top'
  | 'bottom'
  | 'open'
  | 'back'
  | 'filter'
  | 'command'
  | 'help'
  | 'rollback'
  | 'replay'
  | 'freeze'
  | 'unfreeze'
  | 'journal'
  | 'alerts'
  | 'refresh'
  | 'quit';

/** What an action key needs from the focused pane's sources. */
export type Needs = 'rollback' | 'replay' | 'freeze' | 'detail';

export interface Binding {
  readonly id: CommandId;
  readonly keys: readonly string[];
  /** Short footer label. */
  readonly hint: string;
  /** One line for `?`. */
  readonly help: string;
  readonly group: 'Navigate' | 'Views' | 'Actions' | 'Cockpit';
  /** Shown in the footer (when available). */
  readonly footer?: boolean;
  /** Only offered where the focused pane's source supports it. */
  readonly needs?: Needs;
  /** Panes where it applies (all when absent). */
  readonly panes?: readonly string[];
}

export const KEYMAP: readonly Binding[] = [
  {id: 'focus-next', keys: ['tab'], hint: 'next pane', help: 'Focus the next pane', group: 'Navigate', footer: true},
  {id: 'focus-prev', keys: ['shift-tab'], hint: 'prev pane', help: 'Focus the previous pane', group: 'Navigate'},
  {id: 'focus-pane', keys: ['1', '2', '3', '4', '5'], hint: 'pane', help: 'Focus pane 1-5 (health, lag, DLQ, outbox, burn)', group: 'Navigate'},
  {id: 'move-up', keys: ['up', 'k'], hint: 'up', help: 'Move up', group: 'Navigate'},
  {id: 'move-down', keys: ['down', 'j'], hint: 'down', help: 'Move down', group: 'Navigate'},
  {id: 'page-up', keys: ['pageup'], hint: 'page up', help: 'Move a page up', group: 'Navigate'},
  {id: 'page-down', keys: ['pagedown'], hint: 'page down', help: 'Move a page down', group: 'Navigate'},
  {id: 'top', keys: ['home', 'g'], hint: 'top', help: 'First row', group: 'Navigate'},
  {id: 'bottom', keys: ['end', 'G'], hint: 'bottom', help: 'Last row', group: 'Navigate'},
  {id: 'open', keys: ['enter'], hint: 'detail', help: 'Open the detail view (checks & pods; DLQ reasons & messages; SLO windows; trends)', group: 'Views', footer: true},
  {id: 'back', keys: ['escape'], hint: 'back', help: 'Go back: close the view, clear the filter, cancel', group: 'Views', footer: true},
  {id: 'filter', keys: ['/'], hint: 'filter', help: 'Filter the focused pane (Enter keeps it, Esc clears it)', group: 'Views', footer: true},
  {id: 'command', keys: [':'], hint: 'command', help: 'Command line: ctx NAME · pane NAME · rollback SERVICE[@REGION] · replay ENTITY · freeze KIND · unfreeze KIND · journal · help · quit', group: 'Views', footer: true},
  {id: 'help', keys: ['?'], hint: 'help', help: 'Show this help', group: 'Views', footer: true},
  {id: 'rollback', keys: ['r'], hint: 'rollback', help: 'Roll back the selected service (revision history, confirm, follow the rollout)', group: 'Actions', footer: true, needs: 'rollback', panes: ['health']},
  {id: 'replay', keys: ['p'], hint: 'replay', help: 'Replay dead letters of the selected entity (reasons, filter, dry run, confirm)', group: 'Actions', footer: true, needs: 'replay', panes: ['dlq']},
  {id: 'freeze', keys: ['f'], hint: 'freeze', help: 'Freeze deployments, integrity (purge/export) or writes', group: 'Actions', footer: true, needs: 'freeze'},
  {id: 'unfreeze', keys: ['u'], hint: 'unfreeze', help: 'Lift a freeze', group: 'Actions', needs: 'freeze'},
  {id: 'alerts', keys: ['a'], hint: 'alerts', help: 'List every alert, firing and pending', group: 'Views'},
  {id: 'journal', keys: ['J'], hint: 'journal', help: 'Show the action journal', group: 'Cockpit', footer: true},
  {id: 'refresh', keys: ['R', 'ctrl-l'], hint: 'refresh', help: 'Poll every source now and repaint the screen', group: 'Cockpit'},
  {id: 'quit', keys: ['q', 'ctrl-c'], hint: 'quit', help: 'Quit', group: 'Cockpit', footer: true},
];

const byKey = new Map<string, Binding>();
for (const b of KEYMAP) for (const k of b.keys) byKey.set(k, b);

/** The binding for a key name, if any. */
export function bindingFor(key: string): Binding | undefined {
  return byKey.get(key);
}

/** Footer label for a key name: `tab`, `?`, `J`. */
export function keyLabel(key: string): string {
  return key === 'escape' ? 'Esc' : key === 'enter' ? 'Enter' : key === 'tab' ? 'Tab' : key === 'shift-tab' ? 'S-Tab' : key;
}
