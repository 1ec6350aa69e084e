// The log view of one service@region: a pod's container log, followed or not, its previous instance, since a time,
// filtered, scrolled with the list keys. Reading, not an action: it works read-only. Every line shown is sanitised.
import {Box, Text} from 'ink';
import {useRef, useState} from 'react';
import type {LogRequest} from '../../data/sources/types.js';
import {DEFAULT_LOG_LINES} from '../../data/text/ring.js';
import {sanitizeLine} from '../../data/text/sanitize.js';
import {fit} from '../../data/text/width.js';
import {useCockpit, useTheme} from '../../ui/context.js';
import {useLatestState} from '../../ui/hooks/use-latest-state.js';
import {useLogFeed} from '../../ui/hooks/use-log-feed.js';
import {LAYER, useKeyLayer} from '../../ui/keys/dispatcher.js';
import {bindingFor, KEYMAP, keyLabel, listMove, type CommandId} from '../../ui/keys/keymap.js';
import {logSource, logStatus, SINCE} from './log-lines.js';

const keyOf = (id: CommandId) => keyLabel(KEYMAP.find((b) => b.id === id)?.keys[0] ?? '');

/** A count with thousands separators, the same on every machine. */
const count = (n: number) => n.toLocaleString('en-US');

export function LogView({rowKey, width, height}: {rowKey: string; width: number; height: number}) {
  const theme = useTheme();
  const {clock} = useCockpit();
  const [service = '', region = ''] = rowKey.split('@');
  const {feed, snapshot, available} = useLogFeed(service, region);
  // Absolute number (dropped + index) of the bottom line shown; undefined: the end, following new lines.
  const [anchor, setAnchor, anchorRef] = useLatestState<number | undefined>(undefined);
  const [picker, setPicker, pickerRef] = useLatestState<number | undefined>(undefined);
  const [draft, setDraft, draftRef] = useLatestState<string | undefined>(undefined);
  const [since, setSince] = useState(0);
  const pageRef = useRef(1);
  const request = snapshot.request;
  const choices = (snapshot.targets ?? []).flatMap((t) => t.containers.map((container) => ({pod: t.pod, container, restarts: t.restarts})));
  const preview = draft?.toLowerCase();
  const lines = preview ? snapshot.lines.filter((l) => l.toLowerCase().includes(preview)) : snapshot.lines;
  const base = preview ? 0 : snapshot.dropped;

  const reopen = (change: Partial<LogRequest>) => {
    if (!feed || !request) return;
    feed.open({...request, ...change});
    setAnchor(undefined);
  };

  // Typing a filter: the lines kept so far are filtered as you type; Enter tails again with the filter (the ring then
  // keeps only matching lines), Esc leaves the filter as it was.
  useKeyLayer(
    LAYER.input,
    (event) => {
      const text = draftRef.current ?? '';
      const id = bindingFor(event.name)?.id;
      if (id === 'back') setDraft(undefined);
      else if (event.name === 'enter') {
        setDraft(undefined);
        reopen({filter: text || undefined});
      } else if (event.name === 'backspace') setDraft(text.slice(0, -1));
      else if (event.name === 'ctrl-u') setDraft('');
      else if (event.text && !event.name.startsWith('ctrl-') && event.name !== 'tab') setDraft(text + event.text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ''));
      return true;
    },
    draft !== undefined,
    {typing: true},
  );

  useKeyLayer(LAYER.view, ({name}) => {
    const id = bindingFor(name)?.id;
    const chosen = pickerRef.current;
    if (chosen !== undefined) {
      const moved = listMove(name, chosen, choices.length, pageRef.current);
      if (moved !== undefined) setPicker(moved);
      else if (id === 'open' || id === 'back') {
        const c = choices[chosen];
        if (id === 'open' && c) reopen({pod: c.pod, container: c.container});
        setPicker(undefined);
      } else return false;
      return true;
    }
    const last = lines.length - 1;
    const bottom = anchorRef.current === undefined ? last : Math.max(0, Math.min(last, anchorRef.current - base));
    const moved = listMove(name, bottom, lines.length, pageRef.current);
    if (moved !== undefined) {
      setAnchor(moved >= last ? undefined : base + moved);
      return true;
    }
    switch (id) {
      case 'open':
        setPicker(
          Math.max(
            0,
            choices.findIndex((c) => c.pod === request?.pod && c.container === request.container),
          ),
        );
        return true;
      case 'log-follow':
        reopen({follow: !(request?.follow ?? false), previous: false});
        return true;
      case 'log-previous':
        reopen({previous: !(request?.previous ?? false)});
        return true;
      case 'log-since': {
        const next = (since + 1) % SINCE.length;
        setSince(next);
        const ms = SINCE[next]?.ms;
        reopen({sinceTime: ms === undefined ? undefined : clock.now() - ms});
        return true;
      }
      case 'filter':
        setDraft(request?.filter ?? '');
        return true;
      case 'back':
        if (!request?.filter) return false;
        reopen({filter: undefined});
        return true;
      default:
        return false;
    }
  });

  const rows: {text: string; tone?: Parameters<typeof theme.tone>[0]; bold?: boolean; inverse?: boolean}[] = [];
  const status = logStatus(request, snapshot, anchor !== undefined, SINCE[since]?.label);
  const failed = snapshot.end?.reason === 'error' || snapshot.end?.reason === 'timeout';
  const ended =
    snapshot.end && snapshot.end.reason !== 'stopped'
      ? ` · ended (${snapshot.end.reason})${snapshot.end.message ? `: ${sanitizeLine(snapshot.end.message)}` : ''}`
      : '';
  rows.push({text: ` LOGS ${rowKey}${status}${ended}`, bold: true, tone: failed ? 'crit' : undefined});
  const max = snapshot.capacity ?? request?.maxLines ?? DEFAULT_LOG_LINES;
  rows.push({
    text:
      ` ${logSource(request)}${count(lines.length)} lines${preview ? ' match' : ''} · ` +
      `${count(snapshot.dropped)} dropped (buffer ${count(max)}) · ${keyOf('open')} pod/container`,
    tone: snapshot.dropped > 0 ? 'warn' : undefined,
  });
  rows.push({text: ` $ ${sanitizeLine(snapshot.command) || '…'}`, tone: 'muted'});
  const body = Math.max(1, height - rows.length - (draft !== undefined ? 1 : 0));
  pageRef.current = Math.max(1, body - 1);
  if (!available) rows.push({text: '   no source of the health pane gives logs', tone: 'muted'});
  else if (snapshot.targetsError) rows.push({text: `   pods unavailable: ${sanitizeLine(snapshot.targetsError)}`, tone: 'crit'});
  else if (!snapshot.targets) rows.push({text: '   listing pods…', tone: 'muted'});
  else if (picker !== undefined) {
    const start = Math.max(0, Math.min(picker - Math.floor(body / 2), choices.length - body));
    choices.slice(start, start + body).forEach((c, i) => {
      const selected = start + i === picker;
      rows.push({text: `${selected ? ` ${theme.selected}` : '  '} ${c.pod}  container ${c.container}  restarts ${c.restarts}`, inverse: selected});
    });
  } else {
    const bottom = anchor === undefined ? lines.length - 1 : Math.max(0, Math.min(lines.length - 1, anchor - base));
    for (const l of lines.slice(Math.max(0, bottom + 1 - body), bottom + 1)) rows.push({text: ` ${sanitizeLine(l)}`});
  }
  while (rows.length < height - (draft !== undefined ? 1 : 0)) rows.push({text: ''});
  if (draft !== undefined) rows.push({text: ` /${sanitizeLine(draft)}▏  ${keyOf('open')} keep · ${keyOf('back')} cancel`, bold: true});
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {rows.slice(0, height).map((l, i) => (
        <Text key={i} bold={l.bold} inverse={l.inverse} color={theme.tone(l.tone)} wrap="truncate">
          {fit(l.text, width, 'left', theme.ellipsis)}
        </Text>
      ))}
    </Box>
  );
}
