// UI state (focus, selection, filters, views, input line, flash) and its reducer. No data here.
import {PANE_IDS, type PaneId} from '../data/readings/types.js';
import type {Tone} from './theme.js';

export type View =
  | {readonly kind: 'panes'}
  | {readonly kind: 'detail'; readonly pane: PaneId; readonly key: string}
  /** The log view of a health row (`service@region`). */
  | {readonly kind: 'logs'; readonly key: string}
  | {readonly kind: 'help'}
  | {readonly kind: 'alerts'}
  | {readonly kind: 'journal'}
  | {readonly kind: 'timeline'};

export interface UiState {
  readonly focus: PaneId;
  /** Selected row key per pane (selection follows the row when rows re-sort). */
  readonly selected: Readonly<Record<PaneId, string | undefined>>;
  readonly filters: Readonly<Record<PaneId, string>>;
  readonly input?: {readonly mode: 'filter' | 'command'; readonly text: string};
  readonly view: View;
  readonly flash?: {readonly text: string; readonly tone: Tone; readonly at: number};
}

export type UiAction =
  | {type: 'focus'; pane: PaneId}
  | {type: 'focus-step'; step: 1 | -1}
  | {type: 'select'; pane: PaneId; key: string | undefined}
  | {type: 'move'; pane: PaneId; keys: readonly string[]; step: number}
  | {type: 'input-text'; text: string}
  | {type: 'filter'; pane: PaneId; text: string}
  | {type: 'input'; input: UiState['input']}
  | {type: 'view'; view: View}
  | {type: 'flash'; text: string; tone: Tone; at: number}
  | {type: 'clear-flash'};

const empty = <T>(value: T) => Object.fromEntries(PANE_IDS.map((p) => [p, value])) as Record<PaneId, T>;

export function initialUiState(focus: PaneId = 'health'): UiState {
  return {focus, selected: empty<string | undefined>(undefined), filters: empty(''), view: {kind: 'panes'}};
}

export function uiReducer(state: UiState, action: UiAction): UiState {
  switch (action.type) {
    case 'focus':
      return {...state, focus: action.pane, view: state.view.kind === 'detail' || state.view.kind === 'logs' ? {kind: 'panes'} : state.view};
    case 'focus-step': {
      const i = PANE_IDS.indexOf(state.focus);
      const next = PANE_IDS[(i + action.step + PANE_IDS.length) % PANE_IDS.length] ?? 'health';
      return {...state, focus: next};
    }
    case 'select':
      return {...state, selected: {...state.selected, [action.pane]: action.key}};
    case 'move': {
      const current = state.selected[action.pane];
      const from = current !== undefined && action.keys.includes(current) ? current : action.keys[0];
      return {...state, selected: {...state.selected, [action.pane]: moveSelection(action.keys, from, action.step)}};
    }
    case 'input-text': {
      if (!state.input) return state;
      const input = {...state.input, text: action.text};
      return input.mode === 'filter' ? {...state, input, filters: {...state.filters, [state.focus]: action.text}} : {...state, input};
    }
    case 'filter':
      return {...state, filters: {...state.filters, [action.pane]: action.text}};
    case 'input':
      return {...state, input: action.input};
    case 'view':
      return {...state, view: action.view};
    case 'flash':
      return {...state, flash: {text: action.text, tone: action.tone, at: action.at}};
    case 'clear-flash':
      return {...state, flash: undefined};
  }
}

/** The key `step` rows away from `current` in `keys` (clamped). */
export function moveSelection(keys: readonly string[], current: string | undefined, step: number): string | undefined {
  if (keys.length === 0) return undefined;
  const i = current === undefined ? -1 : keys.indexOf(current);
  const base = i < 0 ? (step > 0 ? -1 : keys.length) : i;
  return keys[Math.max(0, Math.min(keys.length - 1, base + step))];
}
