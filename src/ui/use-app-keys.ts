// The cockpit's global and input-line key handlers, looked up through the keymap.
import {useRef, type Dispatch} from 'react';
import {PANE_IDS, type PaneId} from '../data/readings/types.js';
import type {ActionDefinition} from '../actions/definition.js';
import type {ActionRequest} from '../actions/types.js';
import {completeCommand, isCockpitCommand, parseCommand, vocabularyOf} from './commands.js';
import type {Cockpit} from './context.js';
import {LAYER, useKeyHold, useKeyLayer} from './keys/dispatcher.js';
import type {Keymap} from './keys/keymap.js';
import type {KeyEvent} from './keys/keys.js';
import type {UiAction, UiState} from './state.js';

export interface AppKeysInput {
  readonly state: UiState;
  readonly dispatch: Dispatch<UiAction>;
  readonly cockpit: Cockpit;
  /** Visible row keys per pane (sorted and filtered). */
  readonly keys: Readonly<Record<PaneId, readonly string[]>>;
  readonly pageSize: number;
  readonly now: () => number;
  readonly begin: (request: ActionRequest) => void;
  readonly dialogOpen: boolean;
  /** The cockpit's actions and the keymap made from them. */
  readonly actions: readonly ActionDefinition[];
  readonly keymap: Keymap;
}

/** Registers the input-line layer and the global layer. */
export function useAppKeys(input: AppKeysInput): void {
  const {state, dispatch, cockpit, keys, pageSize, now, actions, keymap} = input;
  const begin = (request: ActionRequest) => {
    hold();
    input.begin(request);
  };
  // The input line's text while it is open (undefined when closed): keys can arrive faster than renders.
  const inputText = useRef<string | undefined>(undefined);
  const hold = useKeyHold();
  const flash = (text: string, tone: 'ok' | 'warn' | 'crit' | 'info' = 'info') => dispatch({type: 'flash', text, tone, at: now()});

  const selectedKey = (pane: PaneId) => {
    const key = state.selected[pane];
    return key !== undefined && keys[pane].includes(key) ? key : keys[pane][0];
  };

  // Logs are reading: no dialog, no read-only refusal (issue 16).
  const openLogs = (key: string) => {
    if (!keys.health.includes(key) && !cockpit.session.feeds.health.snapshot().value?.services.some((s) => `${s.service}@${s.region}` === key)) {
      flash(`logs: no service ${key} in the health pane`, 'warn');
      return;
    }
    hold();
    dispatch({type: 'view', view: {kind: 'logs', key}});
  };

  const runCommand = (line: string) => {
    const command = parseCommand(line, actions);
    if (!isCockpitCommand(command)) {
      begin(command);
      return;
    }
    switch (command.kind) {
      case 'ctx':
        flash(`switching to context ${command.name}…`);
        cockpit
          .switchContext(command.name)
          .catch((error: unknown) =>
            flash(`cannot open context ${command.name}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, 'crit'),
          );
        return;
      case 'pane':
        dispatch({type: 'view', view: {kind: 'panes'}});
        dispatch({type: 'focus', pane: command.pane});
        return;
      case 'logs':
        openLogs(`${command.service}@${command.region}`);
        return;
      case 'view':
        dispatch({type: 'view', view: {kind: command.view}});
        return;
      case 'quit':
        cockpit.quit();
        return;
      case 'error':
        flash(command.message, 'warn');
    }
  };

  useKeyLayer(
    LAYER.input,
    (event: KeyEvent) => {
      const field = state.input;
      if (!field || inputText.current === undefined) return false;
      const pane = state.focus;
      // Keys can arrive faster than renders: edit the latest text, not this render's copy.
      const latest = () => inputText.current ?? field.text;
      const setText = (text: string) => {
        inputText.current = text;
        dispatch({type: 'input-text', text});
      };
      if (event.name === 'escape') {
        inputText.current = undefined;
        dispatch({type: 'input', input: undefined});
        if (field.mode === 'filter') dispatch({type: 'filter', pane, text: ''});
      } else if (event.name === 'enter') {
        const text = latest();
        inputText.current = undefined;
        dispatch({type: 'input', input: undefined});
        if (field.mode === 'command') runCommand(text);
      } else if (event.name === 'backspace') {
        setText(latest().slice(0, -1));
      } else if (event.name === 'tab' && field.mode === 'command') {
        setText(completeCommand(latest(), vocabularyOf(cockpit.session, cockpit.contexts, actions)).text);
      } else if (event.text && !event.name.startsWith('ctrl-') && event.text.length >= 1 && event.name !== 'tab') {
        setText(latest() + event.text.replace(/[\u0000-\u001f\u007f]/g, ''));
      } else if (event.name === 'ctrl-u') {
        setText('');
      }
      return true;
    },
    state.input !== undefined,
    {typing: true},
  );

  /** An action's key: its request, from the selected row (or the detail view's row) when its definition asks for one. */
  const beginFromKey = (def: ActionDefinition) => {
    if (!def.row) return begin(def.request());
    const rowPane = def.row.pane;
    const key = state.view.kind === 'detail' && state.view.pane === rowPane ? state.view.key : state.focus === rowPane ? selectedKey(rowPane) : undefined;
    if (!key) return flash(def.row.missing, 'warn');
    begin(def.request(key));
  };

  useKeyLayer(LAYER.global, (event: KeyEvent) => {
    const binding = keymap.bindingFor(event.name);
    if (!binding) return false;
    const action = keymap.actionOf(binding);
    if (action) {
      beginFromKey(action);
      return true;
    }
    const pane = state.focus;
    const inPanes = state.view.kind === 'panes';
    const move = (step: number) => dispatch({type: 'move', pane, keys: keys[pane], step});
    switch (binding.id) {
      case 'focus-next':
      case 'focus-prev':
        dispatch({type: 'view', view: {kind: 'panes'}});
        dispatch({type: 'focus-step', step: binding.id === 'focus-next' ? 1 : -1});
        return true;
      case 'focus-pane':
        dispatch({type: 'view', view: {kind: 'panes'}});
        dispatch({type: 'focus', pane: PANE_IDS[Number(event.name) - 1] ?? 'health'});
        return true;
      case 'move-up':
      case 'move-down':
        if (inPanes) move(binding.id === 'move-up' ? -1 : 1);
        return true;
      case 'page-up':
      case 'page-down':
        if (inPanes) move(binding.id === 'page-up' ? -pageSize : pageSize);
        return true;
      case 'top':
      case 'bottom':
        if (inPanes) dispatch({type: 'select', pane, key: binding.id === 'top' ? keys[pane][0] : keys[pane][keys[pane].length - 1]});
        return true;
      case 'open': {
        const key = selectedKey(pane);
        if (inPanes && key) {
          hold();
          dispatch({type: 'view', view: {kind: 'detail', pane, key}});
        }
        return true;
      }
      case 'back':
        if (state.view.kind === 'logs') dispatch({type: 'view', view: {kind: 'detail', pane: 'health', key: state.view.key}});
        else if (!inPanes) dispatch({type: 'view', view: {kind: 'panes'}});
        else if (state.filters[pane]) dispatch({type: 'filter', pane, text: ''});
        else if (state.flash) dispatch({type: 'clear-flash'});
        return true;
      case 'filter':
        hold();
        inputText.current = state.filters[pane];
        dispatch({type: 'view', view: {kind: 'panes'}});
        dispatch({type: 'input', input: {mode: 'filter', text: state.filters[pane]}});
        return true;
      case 'command':
        hold();
        inputText.current = '';
        dispatch({type: 'input', input: {mode: 'command', text: ''}});
        return true;
      case 'help':
      case 'alerts':
      case 'journal':
      case 'timeline':
        dispatch({type: 'view', view: state.view.kind === binding.id ? {kind: 'panes'} : {kind: binding.id}});
        return true;
      case 'refresh':
        for (const p of PANE_IDS) cockpit.session.feeds[p].refresh();
        cockpit.session.freezes.refresh();
        cockpit.session.details.refresh();
        cockpit.session.peeks.refresh();
        cockpit.repaint();
        return true;
      case 'quit':
        // README: on a wall terminal only the command `:quit` quits (a passer-by's key press must not).
        if (cockpit.wall) {
          flash('wall mode: type :quit to exit', 'warn');
          return true;
        }
        cockpit.quit();
        return true;
      case 'logs': {
        const key =
          state.view.kind === 'detail' && state.view.pane === 'health' ? state.view.key : inPanes && pane === 'health' ? selectedKey('health') : undefined;
        if (key) openLogs(key);
        else if (inPanes) flash('logs: focus the health pane (1) and select a service', 'warn');
        return key !== undefined || inPanes;
      }
      default:
        // The log view's keys (F, P, t) are taken by its own layer (src/panes/health/log-view.tsx).
        return false;
    }
  });
}
