// Ink's key events normalised to one name per key, and multi-character input split into keys.
import type {Key} from 'ink';
import {describe, expect, it} from 'vitest';
import {keyEvent, keyEvents} from '../../../src/ui/keys/keys.js';

const NONE: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};
const key = (k: Partial<Key>): Key => ({...NONE, ...k});

describe('keyEvent', () => {
  it.each([
    [{upArrow: true}, 'up'],
    [{downArrow: true}, 'down'],
    [{leftArrow: true}, 'left'],
    [{rightArrow: true}, 'right'],
    [{pageUp: true}, 'pageup'],
    [{pageDown: true}, 'pagedown'],
    [{home: true}, 'home'],
    [{end: true}, 'end'],
    [{return: true}, 'enter'],
    [{escape: true}, 'escape'],
    [{tab: true}, 'tab'],
    [{tab: true, shift: true}, 'shift-tab'],
    [{backspace: true}, 'backspace'],
    [{delete: true}, 'backspace'],
  ] as const)('%o is %s', (flags, name) => {
    expect(keyEvent('', key(flags)).name).toBe(name);
  });

  it('names ctrl keys in lower case and gives them no text', () => {
    expect(keyEvent('C', key({ctrl: true}))).toEqual({name: 'ctrl-c', text: ''});
  });

  it('keeps the case of plain keys (J is not j) and their text', () => {
    expect(keyEvent('J', key({shift: true}))).toEqual({name: 'J', text: 'J'});
    expect(keyEvent('/', NONE)).toEqual({name: '/', text: '/'});
  });

  it('gives meta keys no text', () => expect(keyEvent('x', key({meta: true})).text).toBe(''));
});

describe('keyEvents', () => {
  it('splits several characters read at once into one key each', () => {
    expect(keyEvents('3/', NONE)).toEqual([
      {name: '3', text: '3'},
      {name: '/', text: '/'},
    ]);
  });

  it('names control characters inside pasted input', () => {
    expect(keyEvents('a\rb\t\u007f', NONE).map((e) => e.name)).toEqual(['a', 'enter', 'b', 'tab', 'backspace']);
  });

  it('keeps special keys and single characters as one event', () => {
    expect(keyEvents('', key({upArrow: true}))).toEqual([{name: 'up', text: ''}]);
    expect(keyEvents('ab', key({ctrl: true}))).toHaveLength(1);
    expect(keyEvents('q', NONE)).toEqual([{name: 'q', text: 'q'}]);
  });

  it('counts an astral character as one key', () => expect(keyEvents('😀x', NONE).map((e) => e.name)).toEqual(['😀', 'x']));
});
