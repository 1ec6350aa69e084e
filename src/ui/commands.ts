// The `:` command line: parses a line into a command. Execution lives in the app.
import type {PaneId} from '../data/readings/types.js';
import {PANE_IDS} from '../data/readings/types.js';
import {FREEZE_KINDS, type FreezeKind} from '../data/sources/types.js';

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

/** Completes the command word (Tab). */
export function completeCommand(text: string, contexts: readonly string[]): string {
  const parts = text.split(/\s+/);
  if (parts.length <= 1) {
    const matches = COMMAND_WORDS.filter((w) => w.startsWith(parts[0] ?? ''));
    return matches.length === 1 ? `${matches[0]} ` : text;
  }
  if (parts[0] === 'ctx' && parts.length === 2) {
    const matches = contexts.filter((c) => c.startsWith(parts[1] ?? ''));
    return matches.length === 1 ? `ctx ${matches[0]}` : text;
  }
  return text;
}
