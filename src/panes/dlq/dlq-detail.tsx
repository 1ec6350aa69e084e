// DLQ detail: the reason breakdown with the runbook's action per reason (10.2 DLQ Triage), and the peeked messages.
// Movement selects a message and `open` shows its properties and body. The session peeks (issue 16): this view
// fetches nothing and runs no timer. Its keys are declared once, in detail-keys.ts: the key line is written from them.
import {Box} from 'ink';
import {useRef, useState} from 'react';
import {PEEK_COUNT} from '../../data/keyed-feed.js';
import type {DlqEntity, DlqReading} from '../../data/readings/types.js';
import {adviceFor} from '../../data/runbook.js';
import type {DlqMessage} from '../../data/sources/types.js';
import {fit} from '../../data/text/width.js';
import {DetailLines, type DetailLine} from '../../ui/components/detail-lines.js';
import {useNow, useTheme} from '../../ui/context.js';
import {duration} from '../../ui/format.js';
import {useLatestState} from '../../ui/hooks/use-latest-state.js';
import {usePeek} from '../../ui/hooks/use-peek.js';
import {LAYER, useKeyLayer} from '../../ui/keys/dispatcher.js';
import {listMove} from '../../ui/keys/keymap.js';
import {viewHint, viewKeyOf} from '../../ui/keys/view-keys.js';
import {DLQ_DETAIL_KEYS} from './detail-keys.js';

/** Room the opened message takes below the list: its header, properties, body title and preview. */
const BODY_ROOM = 12;
/** Lines of the body's preview shown (the preview itself is bounded and sanitised by the source). */
const BODY_PREVIEW_LINES = 8;

/** The entity's figures in one line: depth, active, transfer dead letters, consumer, oldest message. */
function headline(entity: string, row: DlqEntity | undefined): string {
  const oldest = row?.oldestAgeSeconds === undefined ? '—' : duration(row.oldestAgeSeconds * 1000);
  const parts = [
    entity,
    `${row?.deadLetter ?? '?'} dead-lettered`,
    `${row?.active ?? '?'} active`,
    ...(row?.transferDeadLetter ? [`${row.transferDeadLetter} transfer dead-lettered`] : []),
    `consumer ${row?.consumer ?? '?'}`,
    `oldest ${oldest}`,
  ];
  return ` ${parts.join(' · ')}`;
}

/** The reasons, most messages first, each with what it indicates and the runbook's action for it. */
function reasonLines(row: DlqEntity | undefined): DetailLine[] {
  const reasons = Object.entries(row?.reasons ?? {}).sort((a, b) => b[1] - a[1]);
  return [
    {text: ' REASON                      COUNT  INDICATES → RUNBOOK ACTION (10.2 DLQ Triage)', bold: true},
    ...reasons.map(([reason, n]) => {
      const advice = adviceFor(reason);
      return {text: `   ${fit(reason, 27)} ${String(n).padStart(5)}  ${advice.indicates} → ${advice.action}`};
    }),
  ];
}

/** The title of the message list, with its keys (from DLQ_DETAIL_KEYS) and a failed peek's error. */
function messagesTitle(error: string | undefined): DetailLine {
  const failed = error ? ` · peek failed: ${error}` : '';
  return {text: ` MESSAGES (peek, first ${PEEK_COUNT}; ${viewHint(DLQ_DETAIL_KEYS)})${failed}`, bold: true, tone: error ? 'crit' : undefined};
}

/** One message of the list: sequence number, id, reason, deliveries, age and description. */
function messageText(m: DlqMessage, now: number): string {
  const deliveries = `deliveries ${String(m.deliveryCount).padEnd(3)}`;
  const age = `${duration(now - m.enqueuedAt).padStart(5)} ago`;
  return `#${String(m.sequenceNumber).padEnd(6)} ${fit(m.messageId, 36)} ${fit(m.reason, 24)} ${deliveries} ${age}  ${m.description ?? ''}`;
}

/** The opened message: its headers, its application properties and the start of its body. */
function bodyLines(m: DlqMessage): DetailLine[] {
  const none = '—';
  const head = [`MESSAGE #${m.sequenceNumber}`, `content-type ${m.contentType ?? none}`, `correlation ${m.correlationId ?? none}`];
  head.push(`subject ${m.subject ?? none}`);
  if (m.sessionId) head.push(`session ${m.sessionId}`);
  const properties = Object.entries(m.properties).map(([k, v]) => `${k}=${String(v)}`);
  const preview = m.body.preview.split('\n').slice(0, BODY_PREVIEW_LINES);
  return [
    {text: ` ${head.join(' · ')}`, bold: true},
    {text: `   properties: ${properties.join(' · ') || '—'}`},
    {text: `   body (${m.body.kind}, ${m.body.bytes} bytes):`},
    ...preview.map((l): DetailLine => ({text: `     ${l}`, tone: 'muted'})),
  ];
}

/** The first of `count` items to show in `budget` lines so that `index` stays near the middle. */
function windowStart(index: number, count: number, budget: number): number {
  return Math.max(0, Math.min(index - Math.floor(budget / 2), count - budget));
}

/**
 * The selected message and whether its body is open, moved by this view's keys (DLQ_DETAIL_KEYS: movement and
 * `open`). `page` is how far PgUp/PgDn move: the list's height, known only once the view has laid itself out.
 */
function useMessageKeys(count: number) {
  const [index, setIndex, indexRef] = useLatestState(0);
  const page = useRef(1);
  const [open, setOpen] = useState(false);
  useKeyLayer(LAYER.view, ({name}) => {
    const moved = listMove(name, indexRef.current, count, page.current);
    if (moved !== undefined) setIndex(moved);
    else if (viewKeyOf(name, DLQ_DETAIL_KEYS) === 'open') setOpen((o) => !o);
    else return false;
    return true;
  });
  return {index, open, page};
}

export function DlqDetailView({entity, reading, width, height}: {entity: string; reading?: DlqReading; width: number; height: number}) {
  const theme = useTheme();
  const now = useNow();
  const row = reading?.entities.find((e) => e.entity === entity);
  const peek = usePeek(entity);
  const messages = peek.snapshot?.value;
  const error = peek.snapshot?.error;
  const list = messages ?? [];
  const {index, open, page} = useMessageKeys(list.length);
  const lines: DetailLine[] = [{text: headline(entity, row), bold: true}, ...reasonLines(row), messagesTitle(error)];
  if (!messages && !error) lines.push({text: '   peeking…', tone: 'muted'});
  // The list gets what the lines above leave (at least 3 lines), less the room of an opened body.
  const budget = Math.max(3, height - lines.length - (open ? BODY_ROOM : 0));
  page.current = Math.max(1, budget - 1);
  const start = windowStart(index, list.length, budget);
  list.slice(start, start + budget).forEach((m, i) => {
    const selected = start + i === index;
    lines.push({text: `${selected ? ` ${theme.selected}` : '  '} ${messageText(m, now)}`, inverse: selected});
  });
  const chosen = list[index];
  if (open && chosen) lines.push(...bodyLines(chosen));
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <DetailLines lines={lines} width={width} height={height} />
    </Box>
  );
}
