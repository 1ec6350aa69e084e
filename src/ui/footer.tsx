// The footer: key hints for the focused pane (from the keymap), the input line, or a flash message.
import {Text} from 'ink';
import type {PaneId} from '../data/readings/types.js';
import {cellWidth, fit, truncate} from '../data/text/width.js';
import {useTheme} from './context.js';
import {KEYMAP, keyLabel, type Binding, type Place} from './keys/keymap.js';
import {moveKeys} from './keys/view-keys.js';
import type {UiState} from './state.js';

/** One footer hint: `r rollback`. */
export interface Hint {
  readonly text: string;
  /** Lower is more important; dropped last. */
  readonly rank: number;
}

/** Always shown at the end of the footer, at any width. */
const ALWAYS: readonly Hint[] = [
  {text: '? help', rank: 0},
  {text: 'q quit', rank: 0},
];

/** The rank of the actions the firing alerts call for: before every other hint, and dropped only after them. */
const FITTING_RANK = 0.5;

/**
 * The keys that work in `place`, most important first: the bindings the keymap marks for the footer there (an
 * action's key only where the session can do it: `available` holds the kinds of those actions), and "j/k scroll" where a list moves.
 * `fitting` names the actions the firing alerts call for, in order (fittingKinds, src/actions/alert-actions.ts, the
 * alert view's own table): their keys come first, even an action the footer does not otherwise offer.
 */
export function footerHints(
  place: Place,
  pane: PaneId,
  available: ReadonlySet<string>,
  readOnly: boolean,
  wall = false,
  keymap: readonly Binding[] = KEYMAP,
  fitting: readonly string[] = [],
): Hint[] {
  const fit = (b: Binding) => (b.action === undefined ? -1 : fitting.indexOf(b.action));
  const hints = keymap
    .filter(
      (b) =>
        (b.footer !== undefined || fit(b) >= 0) &&
        (!b.places || b.places.includes(place)) &&
        (!b.panes || b.panes.includes(pane)) &&
        (!b.needs || available.has(b.needs)),
    )
    .map((b) => ({
      text: `${keyLabel(b.keys[0] ?? '')} ${b.hint}${b.group === 'Actions' && readOnly ? ' (read-only)' : ''}`,
      rank: fit(b) >= 0 ? FITTING_RANK + fit(b) / 100 : (b.footer ?? 9),
    }));
  if (place !== 'panes') hints.push({text: `${moveKeys()} scroll`, rank: 2});
  const always = wall ? [{text: ':quit to exit', rank: 0}] : place === 'help' ? [{text: 'q quit', rank: 0}] : ALWAYS;
  return [...hints.sort((a, b) => a.rank - b.rank), ...always];
}

/** The hints that fit `width`, most important kept; the always-shown ones stay at the end. */
export function fitHints(hints: readonly Hint[], width: number): string {
  const kept = [...hints];
  const text = () => ` ${kept.map((h) => h.text).join('  ')}`;
  while (cellWidth(text()) > width) {
    const drop = kept.reduce<number>((worst, h, i) => (h.rank > 0 && (worst < 0 || h.rank >= (kept[worst]?.rank ?? 0)) ? i : worst), -1);
    if (drop < 0) break;
    kept.splice(drop, 1);
  }
  return text();
}

export interface FooterProps {
  readonly state: UiState;
  readonly width: number;
  readonly hints: readonly Hint[];
}

export function Footer({state, width, hints}: FooterProps) {
  const theme = useTheme();
  if (state.input) {
    const prompt = state.input.mode === 'filter' ? '/' : ':';
    const help = state.input.mode === 'filter' ? '  Enter keep · Esc clear' : '  Enter run · Esc cancel · Tab complete';
    return (
      <Text wrap="truncate">
        <Text bold inverse>{` ${prompt}`}</Text>
        <Text>{truncate(state.input.text, Math.max(1, width - help.length - 5), theme.ellipsis)}</Text>
        <Text inverse> </Text>
        <Text dimColor>{fit(help, Math.max(0, width - state.input.text.length - 4))}</Text>
      </Text>
    );
  }
  if (state.flash) {
    return (
      <Text wrap="truncate" bold color={theme.tone(state.flash.tone)} inverse={state.flash.tone === 'crit' && !theme.color}>
        {fit(` ${theme.symbol(state.flash.tone)} ${state.flash.text}`, width, 'left', theme.ellipsis)}
      </Text>
    );
  }
  return (
    <Text wrap="truncate" dimColor>
      {fit(fitHints(hints, width), width, 'left', theme.ellipsis)}
    </Text>
  );
}
