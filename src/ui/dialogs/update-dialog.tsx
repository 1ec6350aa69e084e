// `:update`: the composed status update in a text area, edited in place, then copied to the clipboard (OSC 52) and,
// when the context has a Slack webhook, posted after the usual confirmation. docs/status-updates.md.
import {Text, usePaste} from 'ink';
import {useRef, useState} from 'react';
import {fit} from '../../data/text/width.js';
import {TextArea} from '../components/text-area.js';
import {editKey, editOf, insert, textOf, type TextEdit} from '../components/text-edit.js';
import {useSize, useTheme} from '../context.js';
import {DIALOG_KEYS, dialogKey, firstKeyOf, keysOf} from '../keys/dialog-keys.js';
import {LAYER, useKeyLayer} from '../keys/dispatcher.js';
import {DialogFrame, Wrapped, compactRows, dialogWidth} from './dialog-frame.js';

/** The first keys of the field moves: the only field moves a text area leaves to (its arrows move the cursor). */
const FIRST = {
  next: DIALOG_KEYS.find((d) => d.key === 'next-field')?.keys[0],
  prev: DIALOG_KEYS.find((d) => d.key === 'prev-field')?.keys[0],
};

type Focus = 'text' | 'copy' | 'post' | 'cancel';

export interface UpdateDialogProps {
  readonly initial: string;
  /** The webhook's channel when one is configured, and why it cannot post now (variable unset, read-only). */
  readonly slack?: {readonly channel: string; readonly problem?: string};
  onCopy(text: string): void;
  onPost(text: string): void;
  onCancel(): void;
}

export function UpdateDialog({initial, slack, onCopy, onPost, onCancel}: UpdateDialogProps) {
  const theme = useTheme();
  const {columns, rows} = useSize();
  const width = dialogWidth(columns, 100);
  const canPost = slack !== undefined && slack.problem === undefined;
  const ring: Focus[] = ['text', 'copy', ...(canPost ? (['post'] as const) : []), 'cancel'];
  // Keys may arrive faster than renders (a paste without bracketed paste, fast typing): edit the latest text.
  const [edit, setEditState] = useState<TextEdit>(() => editOf(initial));
  const editRef = useRef(edit);
  const [focus, setFocusState] = useState<Focus>('text');
  const focusRef = useRef<Focus>('text');
  const setEdit = (e: TextEdit) => {
    editRef.current = e;
    setEditState(e);
  };
  const setFocus = (f: Focus) => {
    focusRef.current = f;
    setFocusState(f);
  };
  const step = (by: number) => setFocus(ring[(ring.indexOf(focusRef.current) + by + ring.length) % ring.length] ?? 'text');

  // A bracketed paste arrives whole: sanitised (no control sequence can ride in on it) and inserted at the cursor.
  usePaste((text) => setEdit(insert(editRef.current, text)), {isActive: focus === 'text'});
  useKeyLayer(
    LAYER.dialog,
    ({name, text}) => {
      const f = focusRef.current;
      const meaning = dialogKey(name);
      // In the text, the arrows move the cursor: only the first key of a field move (Tab, S-Tab) leaves it.
      const fieldMove = f === 'text' ? name === FIRST.next || name === FIRST.prev : meaning === 'next-field' || meaning === 'prev-field';
      if (meaning === 'cancel') onCancel();
      else if (fieldMove) step(meaning === 'next-field' ? 1 : -1);
      else if (f === 'text') {
        const next = editKey(editRef.current, name, text);
        if (next) setEdit(next);
      } else if (meaning === 'button') {
        // ←→ stay on the buttons (Tab goes back to the text).
        const buttons = ring.filter((r) => r !== 'text');
        const by = name === DIALOG_KEYS.find((d) => d.key === 'button')?.keys[0] ? -1 : 1;
        setFocus(buttons[(buttons.indexOf(f) + by + buttons.length) % buttons.length] ?? 'cancel');
      } else if (meaning === 'accept') {
        const body = textOf(editRef.current).trim();
        if (f === 'cancel') onCancel();
        else if (f === 'copy') onCopy(body);
        else if (f === 'post') onPost(body);
      }
      return true;
    },
    true,
    {typing: true},
  );

  const compact = compactRows(rows);
  const height = Math.max(4, Math.min(24, rows - (compact ? 10 : 14)));
  const slackLine = !slack
    ? 'Slack: not configured (slack.webhookEnv in the context): Copy, then paste into the channel'
    : slack.problem
      ? `Slack: cannot post: ${slack.problem}`
      : `Slack: "Copy and post" posts to ${slack.channel} after a confirmation`;
  const button = (f: Focus, label: string) => (
    <Text bold={focus === f} inverse={focus === f} color={f === 'post' ? theme.tone('warn') : undefined}>
      {` ${label} `}
    </Text>
  );
  const buttons = [button('copy', 'Copy'), ...(canPost ? [button('post', `Copy and post to ${slack.channel}`)] : []), button('cancel', 'Cancel')];
  const buttonsWidth = 6 + (canPost ? 19 + slack.channel.length : 0) + 8 + (buttons.length - 1) * 2;
  return (
    <DialogFrame
      title={`Status update for ${slack?.channel ?? '#atp-incidents'}: edit it in place`}
      width={width}
      keys={[
        'type to edit',
        `${keysOf('accept')} new line`,
        `${firstKeyOf('next-field')} buttons`,
        `${keysOf('button')} choose`,
        `${keysOf('accept')} press`,
        `${keysOf('cancel')} cancel`,
      ].join(' · ')}
    >
      <TextArea edit={edit} width={width - 4} height={height} focused={focus === 'text'} />
      <Wrapped text={slackLine} width={width} tone={slack && !slack.problem ? 'info' : 'warn'} />
      <Text>
        {' '}
        {buttons.map((b, i) => (
          <Text key={i}>
            {i > 0 ? '  ' : ''}
            {b}
          </Text>
        ))}
        {fit('', Math.max(0, width - 3 - buttonsWidth))}
      </Text>
    </DialogFrame>
  );
}
