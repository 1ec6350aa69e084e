// Normalises Ink's key events into one name per key, so the keymap can be a plain table.
import type {Key} from 'ink';

/** A key press: `name` for bindings (e.g. `tab`, `shift-tab`, `enter`, `q`, `J`, `ctrl-c`), `text` for text fields. */
export interface KeyEvent {
  readonly name: string;
  readonly text: string;
}

/** Maps Ink's (input, key) to a KeyEvent. */
export function keyEvent(input: string, key: Key): KeyEvent {
  const name = key.upArrow
    ? 'up'
    : key.downArrow
      ? 'down'
      : key.leftArrow
        ? 'left'
        : key.rightArrow
          ? 'right'
          : key.pageUp
            ? 'pageup'
            : key.pageDown
              ? 'pagedown'
              : key.home
                ? 'home'
                : key.end
                  ? 'end'
                  : key.return
                    ? 'enter'
                    : key.escape
                      ? 'escape'
                      : key.tab
                        ? key.shift
                          ? 'shift-tab'
                          : 'tab'
                        : key.backspace || key.delete
                          ? 'backspace'
                          : key.ctrl && input
                            ? `ctrl-${input.toLowerCase()}`
                            : input;
  return {name, text: key.ctrl || key.meta ? '' : input};
}

const SINGLE: Readonly<Record<string, string>> = {'\r': 'enter', '\n': 'enter', '\t': 'tab', '\u007f': 'backspace', '\b': 'backspace', '\u001b': 'escape'};

/**
 * Ink hands over several characters read at once (fast typing, tmux send-keys, paste) as one input.
 * Split plain text into one event per character, so "3/" is the key 3, then the key /.
 */
export function keyEvents(input: string, key: Key): KeyEvent[] {
  // Esc and a letter read together arrive as one "Alt+letter" (the same bytes). The cockpit binds no Alt key, so
  // they are what they most likely were: Esc, then the letter (`tmux send-keys Escape q`, a slow link).
  const moved = key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown || key.home || key.end;
  if (key.meta && !key.ctrl && !moved && !key.tab && !key.escape && !key.return && [...input].length === 1 && input >= ' ') {
    return [
      {name: 'escape', text: ''},
      {name: input, text: input},
    ];
  }
  const plain =
    !key.ctrl && !key.meta && !key.upArrow && !key.downArrow && !key.leftArrow && !key.rightArrow && !key.pageUp && !key.pageDown && !key.tab && !key.escape;
  if (!plain || [...input].length <= 1) return [keyEvent(input, key)];
  return [...input].map((ch) => {
    const name = SINGLE[ch];
    return name ? {name, text: ''} : {name: ch, text: ch};
  });
}
