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

/** Where a key works: the five panes, or one of the views over them. */
export type Place = 'panes' | 'detail' | 'help' | 'alerts' | 'journal';

/** Places with a list that moves (the panes' rows, DLQ messages, alerts, help lines, journal entries). */
const LISTS: readonly Place[] = ['panes', 'detail', 'help', 'alerts', 'journal'];

export interface Binding {
  readonly id: CommandId;
  readonly keys: readonly string[];
  /** How `?` writes the keys when not one by one (`1-5`). */
  readonly label?: string;
  /** Short footer label. */
  readonly hint: string;
  /** One line for `?`. */
  readonly help: string;
  readonly group: 'Navigate' | 'Views' | 'Actions' | 'Cockpit';
  /** Shown in the footer where it works: lower is more important (kept first when the line is short). */
  readonly footer?: number;
  /** Where the footer offers it (everywhere when absent). */
  readonly places?: readonly Place[];
  /** Only offered where the focused pane's source supports it. */
  readonly needs?: Needs;
  /** Panes where it applies (all when absent). */
  readonly panes?: readonly string[];
}

// Footer importance: the pane's own action, then what opens the story (detail, alerts), then moving around.
// `? help` and `q quit` are always shown (see footer.tsx).
export const KEYMAP: readonly Binding[] = [
  {id: 'focus-next', keys: ['tab'], hint: 'next pane', help: 'Focus the next pane', group: 'Navigate', footer: 4},
  {id: 'focus-prev', keys: ['shift-tab'], hint: 'prev pane', help: 'Focus the previous pane', group: 'Navigate'},
  {id: 'focus-pane', keys: ['1', '2', '3', '4', '5'], label: '1-5', hint: 'pane', help: 'Focus pane 1-5 (health, lag, DLQ, outbox, burn)', group: 'Navigate'},
  {id: 'move-up', keys: ['up', 'k'], hint: 'up', help: 'Move up (in every list: panes, messages, alerts, help, journal)', group: 'Navigate', places: LISTS},
  {id: 'move-down', keys: ['down', 'j'], hint: 'down', help: 'Move down', group: 'Navigate', places: LISTS},
  {id: 'page-up', keys: ['pageup'], hint: 'page up', help: 'Move a page up', group: 'Navigate', places: LISTS},
  {id: 'page-down', keys: ['pagedown'], hint: 'page down', help: 'Move a page down', group: 'Navigate', places: LISTS},
  {id: 'top', keys: ['home', 'g'], hint: 'top', help: 'First row', group: 'Navigate', places: LISTS},
  {id: 'bottom', keys: ['end', 'G'], hint: 'bottom', help: 'Last row', group: 'Navigate', places: LISTS},
  {id: 'open', keys: ['enter'], hint: 'detail', help: 'Open the detail view (checks & pods; DLQ reasons & messages; SLO windows; trends)', group: 'Views', footer: 2, places: ['panes']},
  {id: 'back', keys: ['escape'], hint: 'back', help: 'Go back: close the view, clear the filter, cancel', group: 'Views', footer: 1, places: ['detail', 'help', 'alerts', 'journal']},
  {id: 'filter', keys: ['/'], hint: 'filter', help: 'Filter the focused pane (Enter keeps it, Esc clears it)', group: 'Views', footer: 5, places: ['panes']},
  {id: 'command', keys: [':'], hint: 'command', help: 'Command line: ctx NAME, pane NAME, rollback SERVICE[@REGION], replay ENTITY, freeze KIND, unfreeze KIND, alerts, journal, help, quit', group: 'Views', footer: 8},
  {id: 'help', keys: ['?'], hint: 'help', help: 'Show this help (the words on screen are explained at its end)', group: 'Views'},
  {id: 'rollback', keys: ['r'], hint: 'rollback', help: 'Roll back the selected service (revision history, confirm, follow the rollout)', group: 'Actions', footer: 1, needs: 'rollback', panes: ['health'], places: ['panes', 'detail']},
  {id: 'replay', keys: ['p'], hint: 'replay', help: 'Replay dead letters of the selected entity (reasons, filter, dry run, confirm)', group: 'Actions', footer: 1, needs: 'replay', panes: ['dlq'], places: ['panes', 'detail']},
  {id: 'freeze', keys: ['f'], hint: 'freeze', help: 'Freeze deployments, integrity (purge/export) or writes', group: 'Actions', footer: 6, needs: 'freeze', places: ['panes']},
  {id: 'unfreeze', keys: ['u'], hint: 'unfreeze', help: 'Lift a freeze', group: 'Actions', needs: 'freeze'},
  {id: 'alerts', keys: ['a'], hint: 'alerts', help: 'List every alert, firing and pending', group: 'Views', footer: 3, places: ['panes', 'detail']},
  {id: 'journal', keys: ['J'], hint: 'journal', help: 'Show the action journal', group: 'Cockpit', footer: 7, places: ['panes']},
  {id: 'refresh', keys: ['R', 'ctrl-l'], hint: 'refresh', help: 'Poll every source now and repaint the screen', group: 'Cockpit'},
  {id: 'quit', keys: ['q', 'ctrl-c'], hint: 'quit', help: 'Quit (--wall: only the command :quit)', group: 'Cockpit'},
];

const byKey = new Map<string, Binding>();
for (const b of KEYMAP) for (const k of b.keys) byKey.set(k, b);

/** The binding for a key name, if any. */
export function bindingFor(key: string): Binding | undefined {
  return byKey.get(key);
}

const LABELS: Readonly<Record<string, string>> = {
  escape: 'Esc',
  enter: 'Enter',
  tab: 'Tab',
  'shift-tab': 'S-Tab',
  up: 'Up',
  down: 'Down',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  home: 'Home',
  end: 'End',
  'ctrl-c': 'Ctrl-C',
  'ctrl-l': 'Ctrl-L',
};

/** Footer label for a key name: `Tab`, `?`, `J`, `PgDn`. */
export function keyLabel(key: string): string {
  return LABELS[key] ?? key;
}

/** How `?` writes a binding's keys: `j Down`, `1-5`. */
export function keysLabel(binding: Binding): string {
  return binding.label ?? binding.keys.map(keyLabel).join(' ');
}

/**
 * The one movement rule of every list (the panes' rows, DLQ messages, revisions, alerts, help, journal):
 * the index `key` moves to in a list of `count` items showing `page` at a time, or undefined when `key` is no
 * movement key. Lists call this instead of naming keys, so j/k, PgUp/PgDn, g/G and Home/End work alike.
 */
export function listMove(key: string, index: number, count: number, page: number): number | undefined {
  const last = Math.max(0, count - 1);
  const clamp = (i: number) => Math.max(0, Math.min(last, i));
  switch (bindingFor(key)?.id) {
    case 'move-up':
      return clamp(index - 1);
    case 'move-down':
      return clamp(index + 1);
    case 'page-up':
      return clamp(index - Math.max(1, page));
    case 'page-down':
      return clamp(index + Math.max(1, page));
    case 'top':
      return 0;
    case 'bottom':
      return last;
    default:
      return undefined;
  }
}
