// The `:` command line: parses a line into a command, and completes words with Tab. Execution lives in the app.
import type {PaneId} from '../data/readings/types.js';
import {PANE_IDS} from '../data/readings/types.js';
import type {Session} from '../data/session.js';
import {ACTIONS} from '../actions/defs/index.js';
import type {ActionDefinition} from '../actions/definition.js';
import type {ActionRequest} from '../actions/types.js';
import {knownServices} from '../actions/targets.js';

/** The cockpit's own commands; an action's command is its request (see its definition). */
export type CockpitCommand =
  | {readonly kind: 'ctx'; readonly name: string}
  | {readonly kind: 'pane'; readonly pane: PaneId}
  /** Reading, not an action (issue 16). */
  | {readonly kind: 'logs'; readonly service: string; readonly region: string}
  | {readonly kind: 'view'; readonly view: 'help' | 'journal' | 'alerts' | 'timeline'}
  | {readonly kind: 'quit'}
  | {readonly kind: 'error'; readonly message: string};

/** A parsed line. (`message?: undefined` keeps `command.kind === 'error'` narrowing to a line with a message.) */
export type Command = CockpitCommand | (ActionRequest & {readonly message?: undefined});

const OWN = new Set(['ctx', 'pane', 'logs', 'view', 'quit', 'error']);

/** Whether a parsed command is one of the cockpit's own (otherwise it is an action's request). */
export function isCockpitCommand(command: Command): command is CockpitCommand {
  return OWN.has(command.kind);
}

const PANE_ALIASES: Readonly<Record<string, PaneId>> = {
  health: 'health',
  services: 'health',
  service: 'health',
  svc: 'health',
  lag: 'lag',
  projection: 'lag',
  projections: 'lag',
  dlq: 'dlq',
  deadletter: 'dlq',
  'dead-letter': 'dlq',
  outbox: 'outbox',
  outboxes: 'outbox',
  backlog: 'outbox',
  burn: 'burn',
  slo: 'burn',
  slos: 'burn',
  budget: 'burn',
};

/** Resolves a pane name or alias (`dlq`, `slo`, `3`). */
export function paneByName(name: string): PaneId | undefined {
  const n = name.toLowerCase();
  if (/^[1-5]$/.test(n)) return PANE_IDS[Number(n) - 1];
  return PANE_ALIASES[n];
}

/** Every command word, the actions' words among the cockpit's own. */
export function commandWords(actions: readonly ActionDefinition[]): string[] {
  return ['ctx', 'pane', ...actions.map((a) => a.command.word), 'logs', 'journal', 'timeline', 'alerts', 'help', 'quit'];
}

export const COMMAND_WORDS = commandWords(ACTIONS);

/** Parses one command line (without the leading `:`): a cockpit command, or the request of the action whose word it is. */
export function parseCommand(line: string, actions: readonly ActionDefinition[] = ACTIONS): Command {
  const [word = '', ...rest] = line.trim().split(/\s+/);
  const arg = rest.join(' ');
  const action = actions.find((a) => a.command.word === word.toLowerCase());
  if (action) {
    const parsed = action.command.parse(arg);
    return typeof parsed === 'string' ? {kind: 'error', message: parsed} : parsed;
  }
  switch (word.toLowerCase()) {
    case 'ctx':
    case 'context':
      return arg ? {kind: 'ctx', name: arg} : {kind: 'error', message: 'usage: ctx NAME'};
    case 'pane':
    case 'focus': {
      const pane = paneByName(arg);
      return pane ? {kind: 'pane', pane} : {kind: 'error', message: `unknown pane "${arg}": health, lag, dlq, outbox, burn`};
    }
    case 'logs': {
      const [service = '', region = ''] = arg.split('@');
      return service && region ? {kind: 'logs', service, region} : {kind: 'error', message: 'usage: logs SERVICE@REGION'};
    }
    case 'journal':
    case 'timeline':
    case 'help':
    case 'alerts':
      return {kind: 'view', view: word.toLowerCase() as 'help' | 'journal' | 'alerts' | 'timeline'};
    case 'q':
    case 'quit':
      return {kind: 'quit'};
    case '':
      return {kind: 'error', message: 'empty command'};
    default: {
      const pane = paneByName(word);
      if (pane) return {kind: 'pane', pane};
      return {kind: 'error', message: `unknown command "${word}": ${commandWords(actions).join(', ')}`};
    }
  }
}

/** The words Tab completes from: the configured contexts, and each action's argument words (what the session knows now). */
export interface Vocabulary {
  readonly contexts: readonly string[];
  readonly actions: readonly ActionDefinition[];
  /** Argument words by action command word. */
  readonly arguments: Readonly<Record<string, readonly string[]>>;
}

/** The vocabulary of `session` for `actions`, and the configured contexts. */
export function vocabularyOf(session: Session, contexts: readonly string[], actions: readonly ActionDefinition[] = ACTIONS): Vocabulary {
  const logs = knownServices(session.feeds.health.snapshot().value?.services ?? []);
  return {contexts, actions, arguments: {...Object.fromEntries(actions.map((a) => [a.command.word, a.command.complete?.(session) ?? []])), logs}};
}

const PANE_WORDS = ['health', 'lag', 'dlq', 'outbox', 'burn'];

/** What the argument of `word` may be. */
function argumentWords(word: string, v: Vocabulary): readonly string[] {
  switch (word) {
    case 'ctx':
    case 'context':
      return v.contexts;
    case 'pane':
    case 'focus':
      return PANE_WORDS;
    default:
      return v.arguments[word] ?? [];
  }
}

function commonPrefix(words: readonly string[]): string {
  let prefix = words[0] ?? '';
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/** What Tab did: the new text, and the candidates when more than one word still fits. */
export interface Completion {
  readonly text: string;
  readonly candidates: readonly string[];
}

/** Completes the command word, or its argument (contexts, panes, and each action's own words: services, entities, kinds). */
export function completeCommand(text: string, vocabulary: Vocabulary): Completion {
  const parts = text.trimStart().split(/\s+/);
  const [word = '', arg = ''] = parts;
  const complete = (words: readonly string[], typed: string, lead: string): Completion => {
    const matches = [...new Set(words)].filter((w) => w.startsWith(typed)).sort();
    if (matches.length === 0) return {text, candidates: []};
    if (matches.length === 1) return {text: `${lead}${matches[0]} `, candidates: []};
    const prefix = commonPrefix(matches);
    return {text: `${lead}${prefix.length > typed.length ? prefix : typed}`, candidates: matches};
  };
  if (parts.length <= 1) return complete(commandWords(vocabulary.actions), word, '');
  if (parts.length === 2) return complete(argumentWords(word.toLowerCase(), vocabulary), arg, `${word} `);
  return {text, candidates: []};
}
