// The cockpit's action definitions and the keymap made from them (a test may add its own action to a cockpit).
import {useMemo} from 'react';
import {ACTIONS} from '../../actions/defs/index.js';
import type {ActionDefinition} from '../../actions/definition.js';
import {useCockpit} from '../context.js';
import {APP_KEYMAP, keymapOf, type Keymap} from '../keys/keymap.js';

/** The actions of this cockpit. */
export function useActionDefs(): readonly ActionDefinition[] {
  return useCockpit().actions ?? ACTIONS;
}

/** The keymap of this cockpit: its own bindings and its actions' keys. */
export function useKeymap(): Keymap {
  const actions = useActionDefs();
  return useMemo(() => (actions === ACTIONS ? APP_KEYMAP : keymapOf(actions)), [actions]);
}
