// The one confirmation dialog every action uses: what, where, effect, command, blast radius.
// Cancel is focused by default; Esc cancels; production requires typing the target (unless the action's definition
// says otherwise); a reason is asked when the definition or the plan requires one (freezes, large replays).
import {Text} from 'ink';
import {useRef, useState} from 'react';
import type {ActionPlan, Confirmation} from '../../actions/types.js';
import {fit} from '../../data/text/width.js';
import {useSize, useTheme} from '../context.js';
import {dialogHint, dialogKey, keysOf} from '../keys/dialog-keys.js';
import {LAYER, useKeyLayer} from '../keys/dispatcher.js';
import {DialogFrame, Spacer, Wrapped, compactRows, dialogWidth, wrapText} from './dialog-frame.js';
import {PlanBody, planLines} from './plan-body.js';
import {editText, TextField} from './text-field.js';

type Focus = 'name' | 'reason' | 'incident' | 'cancel' | 'confirm';

export interface ConfirmDialogProps {
  readonly plan: ActionPlan;
  readonly production: boolean;
  /** The button's label, from the action's definition. */
  readonly confirmLabel: string;
  readonly reasonRequired: boolean;
  /** The target must be typed (production, unless the definition opts out); defaults to `production`. */
  readonly typedName?: boolean;
  readonly onDone: (c: Confirmation) => void;
}

export function ConfirmDialog({plan, production, confirmLabel, reasonRequired, typedName = production, onDone}: ConfirmDialogProps) {
  const theme = useTheme();
  const {columns, rows} = useSize();
  const width = dialogWidth(columns);
  const compact = compactRows(rows);
  const ring: Focus[] = [...(typedName ? (['name'] as const) : []), ...(reasonRequired ? (['reason'] as const) : []), 'incident', 'cancel', 'confirm'];
  // Keys may arrive faster than renders, so the handler works on refs and renders from state.
  const [focus, setFocusState] = useState<Focus>('cancel');
  const focusRef = useRef<Focus>('cancel');
  const [values, setValuesState] = useState({name: '', reason: '', incident: ''});
  const valuesRef = useRef(values);
  const [error, setError] = useState<string | undefined>();
  const setFocus = (f: Focus) => {
    focusRef.current = f;
    setFocusState(f);
  };
  const setValues = (v: typeof values) => {
    valuesRef.current = v;
    setValuesState(v);
  };
  const needsReason = ring.includes('reason');
  const keys = dialogHint([
    ['next-field', 'move'],
    ['button', 'buttons'],
    ['accept', 'select'],
    ['cancel', 'cancel'],
  ]);

  // The plan scrolls when the terminal cannot hold it with the fields and buttons (80x24): they always show.
  const body = planLines(plan, width, !compact);
  const title = `${plan.title}?`;
  const fixed =
    1 +
    2 +
    wrapText(title, width - 3).length +
    wrapText(keys, width - 3).length +
    (typedName ? wrapText(`production: type ${plan.target} to confirm`, width - 3).length + 1 : 0) +
    (needsReason ? 1 : 0) +
    1 +
    1 +
    (error ? wrapText(`x ${error}`, width - 3).length : compact ? 0 : 1) +
    (compact ? 0 : 2);
  const height = Math.max(3, rows - fixed);
  const maxTop = body.length > height ? body.length - (height - 1) : 0;
  const [top, setTopState] = useState(0);
  const topRef = useRef(0);
  const seenRef = useRef(body.length <= height);
  const setTop = (t: number) => {
    topRef.current = Math.max(0, Math.min(maxTop, t));
    if (topRef.current >= maxTop) seenRef.current = true;
    setTopState(topRef.current);
  };

  const step = (d: number) => setFocus(ring[(ring.indexOf(focusRef.current) + d + ring.length) % ring.length] ?? 'cancel');
  const confirm = () => {
    const values = valuesRef.current;
    if (!seenRef.current && maxTop > 0) {
      setError(`read the whole plan first: ${keysOf('read-on')} scrolls it`);
      return;
    }
    if (typedName && values.name !== plan.target) {
      setError(values.name ? `typed "${values.name}": type ${plan.target} exactly to confirm` : `type ${plan.target} exactly to confirm (production context)`);
      setFocus('name');
      return;
    }
    if (needsReason && !values.reason.trim()) {
      setError('a reason is required');
      setFocus('reason');
      return;
    }
    onDone({outcome: 'confirmed', reason: values.reason.trim() || undefined, incident: values.incident.trim() || undefined});
  };

  useKeyLayer(LAYER.dialog, ({name, text}) => {
    const focus = focusRef.current;
    if (dialogKey(name) === 'cancel') onDone({outcome: 'cancelled', why: keysOf('cancel')});
    else if (dialogKey(name) === 'read-on') setTop(topRef.current + Math.max(1, height - 2));
    else if (dialogKey(name) === 'read-back') setTop(topRef.current - Math.max(1, height - 2));
    else if (dialogKey(name) === 'next-field') step(1);
    else if (dialogKey(name) === 'prev-field') step(-1);
    else if (dialogKey(name) === 'button') {
      if (focus === 'cancel' || focus === 'confirm') setFocus(focus === 'cancel' ? 'confirm' : 'cancel');
    } else if (dialogKey(name) === 'accept') {
      if (focus === 'cancel') onDone({outcome: 'cancelled', why: `${keysOf('accept')} on Cancel`});
      else if (focus === 'confirm') confirm();
      else step(1);
    } else if (focus === 'name' || focus === 'reason' || focus === 'incident') {
      const next = editText(valuesRef.current[focus], name, text);
      if (next !== undefined) {
        setValues({...valuesRef.current, [focus]: next});
        setError(undefined);
      }
    }
    return true;
  });

  const button = (id: 'cancel' | 'confirm', label: string) => (
    <Text bold={focus === id} inverse={focus === id} color={id === 'confirm' ? theme.tone('crit') : undefined}>
      {focus === id ? `[ ${label} ]` : `  ${label}  `}
    </Text>
  );
  return (
    <DialogFrame
      title={title}
      tone={production ? 'crit' : 'warn'}
      width={width}
      keys={body.length > height ? `${keysOf('read-back')}/${keysOf('read-on')} plan · ${keys}` : keys}
    >
      <PlanBody lines={body} top={Math.min(top, maxTop)} height={height} width={width} whereTone={production ? 'crit' : undefined} />
      <Spacer width={width} />
      {typedName ? <Wrapped text={`production: type ${plan.target} to confirm`} width={width} tone="crit" bold /> : null}
      {typedName ? (
        <TextField label="target" value={values.name} focused={focus === 'name'} width={width} invalid={Boolean(error) && focus === 'name'} />
      ) : null}
      {needsReason ? (
        <TextField label="reason (required)" value={values.reason} focused={focus === 'reason'} width={width} invalid={Boolean(error) && focus === 'reason'} />
      ) : null}
      <TextField label="incident id" value={values.incident} focused={focus === 'incident'} width={width} placeholder="optional, e.g. INC-2041" />
      <Spacer width={width} />
      <Text>
        {fit('', 4)}
        {button('cancel', 'Cancel')}
        {'   '}
        {button('confirm', confirmLabel)}
        {' '.repeat(Math.max(0, width - 2 - 4 - 3 - 'Cancel'.length - confirmLabel.length - 8))}
      </Text>
      {error ? <Wrapped text={`${theme.symbol('crit')} ${error}`} width={width} tone="crit" bold /> : <Spacer width={width} />}
    </DialogFrame>
  );
}
