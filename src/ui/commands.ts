// The `:` command line: parses a line into a command, and completes words with Tab. Execution lives in the app.
import type {PaneId} from '../data/readings/types.js';
import {PANE_IDS} from '../data/readings/types.js';
import {FREEZE_KINDS, type FreezeKind} from '../data/sources/types.js';
import type {Session} from '../data/session.js';
import {freezer} from '../actions/env.js';
import {entityNames, knownServices} from '../actions/targets.js';

export type Command =
  | {readonly kind: 'ctx'; readonly name: string}
  | {readonly kind: 'pane'; readonly pane: PaneId}
  | {readonly kind: 'rollback'; readonly service: string; readonly region?: string}
  | {readonly kind: 'replay'; readonly entity: string}
  | {readonly kind: 'freeze' | 'unfreeze'; readonly freeze: FreezeKind}
  | {readonly kind: 'view'; readonly view: 'help' | 'journal' | 'alerts'}
  | {readonly kind: 'quit'}
  | {readonly kind: 'error'; readonly message: string};

const PANE_ALIASES: Readonly<Record<string, PaneId>> = {
  health: 'health', services: 'health', service: 'health', svc: 'health',
  lag: 'lag', projection: 'lag', projections: 'lag',
  dlq: 'dlq', deadletter: 'dlq', 'dead-letter': 'dlq',
  outbox: 'outbox', outboxes: 'outbox', backlog: 'outbox',
  burn: 'burn', slo: 'burn', slos: 'burn', budget: 'burn',
};

/** Resolves a pane name or alias (`dlq`, `slo`, `3`). */
export function paneByName(name: string): PaneId | undefined {
  const n = name.toLowerCase();
  if (/^[1-5]$/.test(n)) return PANE_IDS[Number(n) - 1];
  return PANE_ALIASES[n];
}

export const COMMAND_WORDS = ['ctx', 'pane', 'rollback', 'replay', 'freeze', 'unfreeze', 'journal', 'alerts', 'help', 'quit'];

/** Parses one command line (without the leading `:`). */
export function parseCommand(line: string): Command {
  const [word = '', ...rest] = line.trim().split(/\s+/);
  const arg = rest.join(' ');
  switch (word.toLowerCase()) {
    case 'ctx':
    case 'context':
      return arg ? {kind: 'ctx', name: arg} : {kind: 'error', message: 'usage: ctx NAME'};
    case 'pane':
    case 'focus': {
      const pane = paneByName(arg);
      return pane ? {kind: 'pane', pane} : {kind: 'error', message: `unknown pane "${arg}": health, lag, dlq, outbox, burn`};
    }
    case 'rollback': {
      if (!arg) return {kind: 'error', message: 'usage: rollback SERVICE[@REGION]'};
      const [service = '', region] = arg.split('@');
      return {kind: 'rollback', service, region};
    }
    case 'replay':
      return arg ? {kind: 'replay', entity: arg} : {kind: 'error', message: 'usage: replay ENTITY'};
    case 'freeze':
    case 'unfreeze': {
      const kind = arg as FreezeKind;
      if (!(FREEZE_KINDS as readonly string[]).includes(kind)) return {kind: 'error', message: `usage: ${word} ${FREEZE_KINDS.join('|')}`};
      return {kind: word.toLowerCase() as 'freeze' | 'unfreeze', freeze: kind};
    }
    case 'journal':
    case 'help':
    case 'alerts':
      return {kind: 'view', view: word.toLowerCase() as 'help' | 'journal' | 'alerts'};
    case 'q':
    case 'quit':
      return {kind: 'quit'};
    case '':
      return {kind: 'error', message: 'empty command'};
    default: {
      const pane = paneByName(word);
      if (pane) return {kind: 'pane', pane};
      return {kind: 'error', message: `unknown command "${word}": ${COMMAND_WORDS.join(', ')}`};
    }
  }
}

/** The words Tab completes arguments from: what the session knows now. */
export interface Vocabulary {
  readonly contexts: readonly string[];
  /** SERVICE@REGION of every health row. */
  readonly services: readonly string[];
  /** Every DLQ entity path. */
  readonly entities: readonly string[];
  readonly freezeKinds: readonly FreezeKind[];
  readonly frozen: readonly FreezeKind[];
}

/** The vocabulary of `session` (its health and DLQ readings, its freezer and active freezes) and the configured contexts. */
export function vocabularyOf(session: Session, contexts: readonly string[]): Vocabulary {
  return {
    contexts,
    services: knownServices(session.feeds.health.snapshot().value?.services ?? []),
    entities: (session.feeds.dlq.snapshot().value?.entities ?? []).map((e) => e.entity),
    freezeKinds: freezer(session)?.kinds ?? [],
    frozen: (session.freezes.snapshot().value ?? []).map((f) => f.kind),
  };
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
    case 'rollback':
      return [...new Set([...v.services.map((s) => s.split('@')[0] ?? s), ...v.services])];
    case 'replay':
      return [...new Set(v.entities.flatMap(entityNames))];
    case 'freeze':
      return v.freezeKinds.filter((k) => !v.frozen.includes(k));
    case 'unfreeze':
      return v.freezeKinds.filter((k) => v.frozen.includes(k));
    default:
      return [];
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

/** Completes the command word, or its argument (services and SERVICE@REGION, DLQ entities, freeze kinds, contexts, panes). */
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
  if (parts.length <= 1) return complete(COMMAND_WORDS, word, '');
  if (parts.length === 2) return complete(argumentWords(word.toLowerCase(), vocabulary), arg, `${word} `);
  return {text, candidates: []};
}
