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
