// The cockpit's own bindings (moving, views, the cockpit) and the movement rule every list shares. The actions' keys
// come from their definitions; keymap.ts joins both into the one keymap (gemini-cli keyBindings.ts).
import type {Place} from '../../actions/definition.js';

/** What a binding does: one of the cockpit's own commands, or (for an action's key) the action's kind. */
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
  | 'journal'
  | 'timeline'
  | 'alerts'
  | 'refresh'
  | 'quit'
  | 'logs'
  | 'log-follow'
  | 'log-previous'
  | 'log-since';

export type {Place};

/** Places with a list that moves (the panes' rows, DLQ messages, alerts, help lines, journal entries, log lines). */
const LISTS: readonly Place[] = ['panes', 'detail', 'help', 'alerts', 'journal', 'timeline', 'logs'];

export interface Binding {
  /** A cockpit command, or `action` for an action's key (then `action` names its kind, see keymap.ts). */
  readonly id: CommandId | 'action';
  readonly action?: string;
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
  /** Only offered where the session can do it: the kind of the action whose `available` must hold. */
  readonly needs?: string;
  /** Panes where it applies (all when absent). */
  readonly panes?: readonly string[];
}

// Footer importance: the pane's own action, then what opens the story (detail, alerts), then moving around.
// `? help` and `q quit` are always shown (see footer.tsx).

/** Moving around: every list (panes, dialogs, views) takes these keys. */
export const NAVIGATE: readonly Binding[] = [
  {id: 'focus-next', keys: ['tab'], hint: 'next pane', help: 'Focus the next pane', group: 'Navigate', footer: 4},
  {id: 'focus-prev', keys: ['shift-tab'], hint: 'prev pane', help: 'Focus the previous pane', group: 'Navigate'},
  {id: 'focus-pane', keys: ['1', '2', '3', '4', '5'], label: '1-5', hint: 'pane', help: 'Focus pane 1-5 (health, lag, DLQ, outbox, burn)', group: 'Navigate'},
  {id: 'move-up', keys: ['up', 'k'], hint: 'up', help: 'Move up (in every list: panes, messages, alerts, help, journal)', group: 'Navigate', places: LISTS},
  {id: 'move-down', keys: ['down', 'j'], hint: 'down', help: 'Move down', group: 'Navigate', places: LISTS},
  {id: 'page-up', keys: ['pageup'], hint: 'page up', help: 'Move a page up', group: 'Navigate', places: LISTS},
  {id: 'page-down', keys: ['pagedown'], hint: 'page down', help: 'Move a page down', group: 'Navigate', places: LISTS},
  {id: 'top', keys: ['home', 'g'], hint: 'top', help: 'First row', group: 'Navigate', places: LISTS},
  {id: 'bottom', keys: ['end', 'G'], hint: 'bottom', help: 'Last row', group: 'Navigate', places: LISTS},
];

/** The views, before the actions' keys (the `:` line's help names the action commands, see keymap.ts). */
export const VIEWS: readonly Binding[] = [
  {
    id: 'open',
    keys: ['enter'],
    hint: 'detail',
    help: "Open the detail view (checks & pods; DLQ reasons & messages; SLO windows; trends; an alert's procedure and actions)",
    group: 'Views',
    footer: 2,
    places: ['panes', 'alerts'],
  },
  {
    id: 'back',
    keys: ['escape'],
    hint: 'back',
    help: 'Go back: close the view, clear the filter, cancel',
    group: 'Views',
    footer: 1,
    places: ['detail', 'help', 'alerts', 'journal', 'timeline', 'logs'],
  },
  {
    id: 'filter',
    keys: ['/'],
    hint: 'filter',
    help: 'Filter the focused pane, or the log lines (Enter keeps it, Esc clears it)',
    group: 'Views',
    footer: 5,
    places: ['panes', 'logs'],
  },
  // Logs are reading, not an action: they work read-only (issue 16). `needs: 'logs'`: a source of the health pane gives logs.
  {
    id: 'logs',
    keys: ['l'],
    hint: 'logs',
    help: 'Tail the logs of a pod of the selected service (Enter in the log view picks pod and container)',
    group: 'Views',
    footer: 3,
    needs: 'logs',
    panes: ['health'],
    places: ['panes', 'detail'],
  },
  {id: 'log-follow', keys: ['F'], hint: 'follow', help: 'Logs: follow new lines on/off (kubectl logs -f)', group: 'Views', footer: 2, places: ['logs']},
  {
    id: 'log-previous',
    keys: ['P'],
    hint: 'previous',
    help: 'Logs: the previous (crashed) instance of the container (--previous)',
    group: 'Views',
    footer: 3,
    places: ['logs'],
  },
  {
    id: 'log-since',
    keys: ['t'],
    hint: 'since',
    help: 'Logs: only lines since 5m, 15m, 1h ago, or all (--since-time)',
    group: 'Views',
    footer: 4,
    places: ['logs'],
  },
];

/** `:` with its help line naming every command word (the actions' words with their argument syntax). */
export function commandBinding(actionCommands: readonly string[]): Binding {
  const words = ['ctx NAME', 'pane NAME', ...actionCommands, 'logs SERVICE@REGION', 'alerts', 'journal', 'timeline', 'help', 'quit'];
  return {id: 'command', keys: [':'], hint: 'command', help: `Command line: ${words.join(', ')}`, group: 'Views', footer: 8};
}

export const HELP: Binding = {id: 'help', keys: ['?'], hint: 'help', help: 'Show this help (the words on screen are explained at its end)', group: 'Views'};

/** After the actions' keys. */
export const COCKPIT: readonly Binding[] = [
  {
    id: 'alerts',
    keys: ['a'],
    hint: 'alerts',
    help: 'Alert view: select an alert; Enter shows its account, its procedure and the actions that fit it, on their usual keys',
    group: 'Views',
    footer: 3,
    places: ['panes', 'detail'],
  },
  {id: 'journal', keys: ['J'], hint: 'journal', help: 'Show the action journal', group: 'Cockpit', footer: 7, places: ['panes']},
  {id: 'timeline', keys: ['T'], hint: 'timeline', help: 'Incident timeline: alerts and values, deploys, actions, pages, updates, colleagues', group: 'Cockpit'},
  {id: 'refresh', keys: ['R', 'ctrl-l'], hint: 'refresh', help: 'Poll every source now and repaint the screen', group: 'Cockpit'},
  {id: 'quit', keys: ['q', 'ctrl-c'], hint: 'quit', help: 'Quit (--wall: only the command :quit)', group: 'Cockpit'},
];

const moves = new Map<string, Binding>();
for (const b of NAVIGATE) for (const k of b.keys) moves.set(k, b);

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
  switch (moves.get(key)?.id) {
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
