// The UI reducer: focus, selection that follows keys, the filter line, views and the flash line.
import {describe, expect, it} from 'vitest';
import {initialUiState, moveSelection, uiReducer, type UiState} from '../../src/ui/state.js';

const start = initialUiState();

describe('uiReducer', () => {
  it('starts on the health pane with nothing selected, no filters and the panes view', () => {
    expect(start).toMatchObject({focus: 'health', view: {kind: 'panes'}});
    expect(Object.values(start.selected)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(Object.values(start.filters)).toEqual(['', '', '', '', '']);
  });

  it('focus steps round the panes both ways', () => {
    expect(uiReducer(start, {type: 'focus-step', step: -1}).focus).toBe('burn');
    const burn = uiReducer(start, {type: 'focus', pane: 'burn'});
    expect(uiReducer(burn, {type: 'focus-step', step: 1}).focus).toBe('health');
  });

  it('focusing a pane leaves a detail view, but not help or the journal', () => {
    const detail = uiReducer(start, {type: 'view', view: {kind: 'detail', pane: 'health', key: 'query/eu-west'}});
    expect(uiReducer(detail, {type: 'focus', pane: 'dlq'}).view).toEqual({kind: 'panes'});
    const help = uiReducer(start, {type: 'view', view: {kind: 'help'}});
    expect(uiReducer(help, {type: 'focus', pane: 'dlq'}).view).toEqual({kind: 'help'});
  });

  it('moves the selection by key, so it follows a row that re-sorted', () => {
    let s: UiState = uiReducer(start, {type: 'select', pane: 'lag', key: 'b'});
    s = uiReducer(s, {type: 'move', pane: 'lag', keys: ['c', 'b', 'a'], step: 1});
    expect(s.selected.lag).toBe('a');
    s = uiReducer(s, {type: 'move', pane: 'lag', keys: ['x', 'y'], step: 1});
    expect(s.selected.lag).toBe('y'); // the selected row is gone: from the first row
  });

  it('text typed on the filter line filters the focused pane; on the command line it does not', () => {
    const filtering = uiReducer(uiReducer(start, {type: 'input', input: {mode: 'filter', text: ''}}), {type: 'input-text', text: 'eu'});
    expect(filtering.filters.health).toBe('eu');
    expect(filtering.input).toEqual({mode: 'filter', text: 'eu'});
    const command = uiReducer(uiReducer(start, {type: 'input', input: {mode: 'command', text: ''}}), {type: 'input-text', text: 'ctx'});
    expect(command.filters.health).toBe('');
    expect(uiReducer(start, {type: 'input-text', text: 'ignored'})).toBe(start);
  });

  it('sets and clears the flash line', () => {
    const flashed = uiReducer(start, {type: 'flash', text: 'done', tone: 'ok', at: 5});
    expect(flashed.flash).toEqual({text: 'done', tone: 'ok', at: 5});
    expect(uiReducer(flashed, {type: 'clear-flash'}).flash).toBeUndefined();
  });
});

describe('moveSelection', () => {
  const keys = ['a', 'b', 'c', 'd'];
  it('clamps at both ends', () => {
    expect(moveSelection(keys, 'c', 10)).toBe('d');
    expect(moveSelection(keys, 'b', -10)).toBe('a');
  });
  it('from nothing, down is the first row and up the last', () => {
    expect(moveSelection(keys, undefined, 1)).toBe('a');
    expect(moveSelection(keys, 'gone', -1)).toBe('d');
  });
  it('is undefined for an empty list', () => expect(moveSelection([], 'a', 1)).toBeUndefined());
});
