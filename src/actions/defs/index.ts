// The cockpit's actions, in the order of the keymap, `?` help and the `:` command words. Adding an action is adding
// its definition here (docs/actions.md, "Adding an action").
import type {ActionDefinition} from '../definition.js';
import type {Rule} from '../rules.js';
import {freeze, unfreeze} from './freeze.js';
import {acknowledge, escalate, resolve} from './paging.js';
import {replay} from './replay.js';
import {restart} from './restart.js';
import {rollback} from './rollback.js';
import {scale} from './scale.js';
import {update} from './update.js';

export const ACTIONS: readonly ActionDefinition[] = [rollback, replay, freeze, unfreeze, restart, scale, update, acknowledge, escalate, resolve];

/** Every action's rules by kind (docs/action-safety.md). */
export const ACTION_RULES: Readonly<Record<string, readonly Rule[]>> = Object.fromEntries(ACTIONS.map((a) => [a.kind, a.rules]));

/** The definition of `kind` among `actions`. */
export function definitionOf(kind: string, actions: readonly ActionDefinition[] = ACTIONS): ActionDefinition | undefined {
  return actions.find((a) => a.kind === kind);
}
