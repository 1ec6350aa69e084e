// Scale, step 1: the replica count, with the deployment's current count, its HPA's range and the bounds. The check
// runs as the person types (bounds, and a warning when the HPA will override the count).
import {Text} from 'ink';
import {useState} from 'react';
import type {ScaleCheck, ScaleInfo, ServiceRef} from '../../data/sources/types.js';
import {fit} from '../../data/text/width.js';
import {useSize, useTheme} from '../context.js';
import {useLatestState} from '../hooks/use-latest-state.js';
import {dialogHint, dialogKey} from '../keys/dialog-keys.js';
import {LAYER, useKeyLayer} from '../keys/dispatcher.js';
import {DialogFrame, Field, Spacer, Wrapped, dialogWidth} from './dialog-frame.js';

export interface ScaleFormProps {
  readonly target: ServiceRef;
  readonly info: ScaleInfo;
  /** The count to start from (the `:scale` argument, or the current count). */
  readonly initial: number;
  check(replicas: number): ScaleCheck;
  onNext(replicas: number): void;
  onCancel(): void;
}

/** The HPA line: its range and what it wants, or why it is unknown. */
export function hpaLine(info: ScaleInfo): string {
  if (info.hpa)
    return `HPA ${info.hpa.name} keeps ${info.hpa.min}..${info.hpa.max} replicas${info.hpa.desired !== undefined ? ` (wants ${info.hpa.desired} now)` : ''}`;
  if (info.hpaError) return `unknown: the HPA could not be read (${info.hpaError})`;
  return 'none: nothing changes the count but people';
}

export function ScaleForm({target, info, initial, check, onNext, onCancel}: ScaleFormProps) {
  const theme = useTheme();
  const {columns} = useSize();
  const width = dialogWidth(columns, 90);
  const [text, setText, textRef] = useLatestState(String(initial));
  const [error, setError] = useState<string>();
  useKeyLayer(LAYER.dialog, ({name, text: typed}) => {
    setError(undefined);
    if (dialogKey(name) === 'cancel') onCancel();
    else if (dialogKey(name) === 'erase') setText((t) => t.slice(0, -1));
    else if (/^[0-9]$/.test(typed)) setText((t) => (t === '0' ? typed : t + typed).slice(0, 4));
    else if (dialogKey(name) === 'accept') {
      const n = Number(textRef.current);
      const verdict = check(n);
      if (textRef.current === '') setError('type a replica count');
      else if (!verdict.ok) setError(verdict.error);
      else if (n === info.replicas) setError(`${target.service}@${target.region} already has ${n} replicas`);
      else onNext(n);
    }
    return true;
  });
  const n = Number(text);
  const verdict = text === '' ? undefined : check(n);
  return (
    <DialogFrame
      title={`Scale ${target.service}@${target.region}: how many replicas?`}
      tone="warn"
      width={width}
      keys={dialogHint([
        ['digits', 'count'],
        ['erase', 'delete'],
        ['accept', 'continue to confirmation'],
        ['cancel', 'cancel'],
      ])}
    >
      <Field label="Current" value={`${info.replicas} replicas, ${info.ready} ready`} width={width} />
      <Field label="Autoscaler" value={hpaLine(info)} width={width} tone={info.hpa || info.hpaError ? 'warn' : undefined} />
      <Field label="Bounds" value={`${info.min}..${info.max}`} width={width} />
      <Spacer width={width} />
      <Text>
        {fit(' Replicas:', 14)}
        <Text inverse bold>{` ${text || ' '} `}</Text>
        <Text dimColor>{fit(`  from ${info.replicas}`, width - 2 - 14 - text.length - 2)}</Text>
      </Text>
      {verdict?.ok === false ? <Wrapped text={`${theme.symbol('crit')} ${verdict.error ?? ''}`} width={width} tone="crit" /> : null}
      {(verdict?.warnings ?? []).map((w) => (
        <Wrapped key={w} text={`${theme.symbol('warn')} ${w}`} width={width} tone="warn" bold />
      ))}
      {error ? <Wrapped text={error} width={width} tone="crit" bold /> : <Spacer width={width} />}
    </DialogFrame>
  );
}
