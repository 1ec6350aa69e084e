// DLQ detail: the reason breakdown with the runbook's action per reason, and a peek list of messages.
import {useLatestState} from '../../ui/hooks/use-latest-state.js';
import {Box, Text} from 'ink';
import {useRef, useState} from 'react';
import type {DlqReading} from '../../data/readings/types.js';
import {adviceFor} from '../../data/runbook.js';
import {fit} from '../../data/text/width.js';
import {useNow, useTheme} from '../../ui/context.js';
import {duration} from '../../ui/format.js';
import {LAYER, useKeyLayer} from '../../ui/keys/dispatcher.js';
import {listMove} from '../../ui/keys/bindings.js';
import {bindingFor} from '../../ui/keys/keymap.js';
import {usePeek} from '../../ui/hooks/use-health-detail.js';
import {PEEK_COUNT} from '../../data/keyed-feed.js';

const PEEK = PEEK_COUNT;

export function DlqDetailView({entity, reading, width, height}: {entity: string; reading?: DlqReading; width: number; height: number}) {
  const theme = useTheme();
  const now = useNow();
  const row = reading?.entities.find((e) => e.entity === entity);
  // Peeked by the session's poller (issue 16): the view fetches nothing and runs no timer.
  const peek = usePeek(entity);
  const messages = peek.snapshot?.value;
  const error = peek.snapshot?.error;
  const [index, setIndex, indexRef] = useLatestState(0);
  const pageRef = useRef(1);
  const [open, setOpen] = useState(false);
  useKeyLayer(LAYER.view, ({name}) => {
    const count = messages?.length ?? 0;
    const moved = listMove(name, indexRef.current, count, pageRef.current);
    if (moved !== undefined) setIndex(moved);
    else if (bindingFor(name)?.id === 'open') setOpen((o) => !o);
    else return false;
    return true;
  });
  const lines: {text: string; tone?: Parameters<typeof theme.tone>[0]; bold?: boolean; inverse?: boolean}[] = [];
  lines.push({
    text: ` ${entity} · ${row?.deadLetter ?? '?'} dead-lettered · ${row?.active ?? '?'} active${row?.transferDeadLetter ? ` · ${row.transferDeadLetter} transfer dead-lettered` : ''} · consumer ${row?.consumer ?? '?'} · oldest ${row?.oldestAgeSeconds === undefined ? '—' : duration(row.oldestAgeSeconds * 1000)}`,
    bold: true,
  });
  lines.push({text: ' REASON                      COUNT  INDICATES → RUNBOOK ACTION (10.2 DLQ Triage)', bold: true});
  for (const [reason, n] of Object.entries(row?.reasons ?? {}).sort((a, b) => b[1] - a[1])) {
    const a = adviceFor(reason);
    lines.push({text: `   ${fit(reason, 27)} ${String(n).padStart(5)}  ${a.indicates} → ${a.action}`});
  }
  lines.push({
    text: ` MESSAGES (peek, first ${PEEK}; j/k PgDn g/G select, Enter body & properties, R re-peek, p replay)${error ? ` · peek failed: ${error}` : ''}`,
    bold: true,
    tone: error ? 'crit' : undefined,
  });
  const list = messages ?? [];
  if (!messages && !error) lines.push({text: '   peeking…', tone: 'muted'});
  const budget = Math.max(3, height - lines.length - (open ? 12 : 0));
  pageRef.current = Math.max(1, budget - 1);
  const start = Math.max(0, Math.min(index - Math.floor(budget / 2), list.length - budget));
  list.slice(start, start + budget).forEach((m, i) => {
    const selected = start + i === index;
    lines.push({
      text: `${selected ? ` ${theme.selected}` : '  '} #${String(m.sequenceNumber).padEnd(6)} ${fit(m.messageId, 36)} ${fit(m.reason, 24)} deliveries ${String(m.deliveryCount).padEnd(3)} ${duration(now - m.enqueuedAt).padStart(5)} ago  ${m.description ?? ''}`,
      inverse: selected,
    });
  });
  const chosen = list[index];
  if (open && chosen) {
    lines.push({
      text: ` MESSAGE #${chosen.sequenceNumber} · content-type ${chosen.contentType ?? '—'} · correlation ${chosen.correlationId ?? '—'} · subject ${chosen.subject ?? '—'}${chosen.sessionId ? ` · session ${chosen.sessionId}` : ''}`,
      bold: true,
    });
    lines.push({
      text: `   properties: ${
        Object.entries(chosen.properties)
          .map(([k, v]) => `${k}=${String(v)}`)
          .join(' · ') || '—'
      }`,
    });
    lines.push({text: `   body (${chosen.body.kind}, ${chosen.body.bytes} bytes):`});
    for (const l of chosen.body.preview.split('\n').slice(0, 8)) lines.push({text: `     ${l}`, tone: 'muted'});
  }
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {lines.slice(0, height).map((l, i) => (
        <Text key={i} bold={l.bold} inverse={l.inverse} color={theme.tone(l.tone)} wrap="truncate">
          {fit(l.text, width, 'left', theme.ellipsis)}
        </Text>
      ))}
    </Box>
  );
}
