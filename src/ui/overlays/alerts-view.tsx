// `a`: every alert, firing and pending, one line each; the movement keys of every list select one, Enter shows its
// whole account (src/ui/alert-detail.ts) and Esc goes back to the list. The actions that fit the selected alert
// (src/actions/alert-actions.ts) begin on their own keys through the normal flow, which resolves, refuses, confirms
// and journals as from anywhere else. Keys are read through the keymap; the view names none.
import {Box, Text} from 'ink';
import {useRef, useState} from 'react';
import {ALERT_ACTION_KINDS, alertActions, releaseTarget, type AlertFit} from '../../actions/alert-actions.js';
import {definitionOf} from '../../actions/defs/index.js';
import {freezer} from '../../actions/env.js';
import type {ActiveAlert} from '../../data/alerts/evaluate.js';
import type {AlertRule} from '../../data/alerts/rule.js';
import {capabilityFor} from '../../data/session.js';
import {sanitizeLine} from '../../data/text/sanitize.js';
import {cellWidth, firstThatFits, fit, fitParts, wrapCells} from '../../data/text/width.js';
import {useActions} from '../actions/actions-provider.js';
import {detailLines, listParts, orderAlerts, type DetailLine} from '../alert-detail.js';
import {coverageText} from '../alert-text.js';
import {windowStart} from '../components/table-model.js';
import {useCockpit, useCockpitState, useNow, useTheme} from '../context.js';
import {pagingRequest, pagingStatus} from './alert-incident.js';
import {useFreezes} from '../hooks/use-freezes.js';
import {useLatestState} from '../hooks/use-latest-state.js';
import {useRevisionHistory} from '../hooks/use-revision-history.js';
import {LAYER, useKeyHold, useKeyLayer} from '../keys/dispatcher.js';
import {bindingFor, KEYMAP, keyLabel, listMove} from '../keys/keymap.js';
import {severityTone} from '../theme.js';

/** The key the keymap gives a command or an action's kind, as the footer writes it (`r`, `Enter`). */
const keyOf = (id: string): string => keyLabel(KEYMAP.find((b) => (b.id === 'action' ? b.action === id : b.id === id))?.keys[0] ?? '?');

/** The actions that fit `alert`, from what the context's sources can do and what they read. */
function useAlertFit(alert: ActiveAlert | undefined, alerts: readonly ActiveAlert[]): AlertFit {
  const {session} = useCockpit();
  const freezes = useFreezes();
  const history = useRevisionHistory(alert ? releaseTarget(alert) : undefined);
  if (!alert) return {offers: [], notes: []};
  return alertActions(alert, {
    canRollback: capabilityFor(session, 'health', 'rollback') !== undefined,
    canReplay: capabilityFor(session, 'dlq', 'replay') !== undefined,
    canScale: capabilityFor(session, 'health', 'scale') !== undefined,
    replicasOf: (ref) => session.feeds.health.snapshot().value?.services.find((r) => r.service === ref.service && r.region === ref.region)?.podsDesired,
    alerts,
    services: session.feeds.health.snapshot().value?.services,
    freezeKinds: freezer(session)?.kinds ?? [],
    freezes,
    history,
  });
}

export interface AlertsViewProps {
  readonly alerts: readonly ActiveAlert[];
  /** Rules no source could evaluate: listed under the alerts, so an empty list is never read as all clear. */
  readonly unevaluated?: readonly AlertRule[];
  readonly width: number;
  readonly height: number;
}

export function AlertsView({alerts, unevaluated = [], width, height}: AlertsViewProps) {
  const theme = useTheme();
  const now = useNow();
  const {session} = useCockpit();
  const {begin} = useActions();
  const hold = useKeyHold();
  const items = orderAlerts(alerts);
  const [selectedKey, setSelectedKey, selectedRef] = useLatestState<string | undefined>(undefined);
  const [detail, setDetail, detailRef] = useLatestState(false);
  const [top, setTop, topRef] = useLatestState(0);
  const [note, setNote] = useState<string>();
  // The first row shown, kept between renders so the window moves only when the selection leaves it.
  const listTop = useRef(0);
  const index = Math.max(
    0,
    items.findIndex((a) => a.key === selectedKey),
  );
  const selected = items[index];
  const fitted = useAlertFit(selected, alerts);

  const sep = theme.ascii ? ' - ' : ' · ';
  const coverage = coverageText(unevaluated);
  const pagingState = useCockpitState().paging;
  const paging = session.paging && pagingStatus(pagingState, alerts, now, session.paging.staleAfterMs, session.paging.pager.description);
  // The list: title, rows, then what the selected alert offers (and the coverage and paging lines, when there are).
  const listBody = Math.max(1, height - 2 - (coverage ? 1 : 0) - (paging ? 1 : 0));
  const wrap = (l: DetailLine) => wrapCells(sanitizeLine(l.text), width - 4, '    ').map((text) => ({...l, text}));
  const account = selected ? detailLines(selected, now, session.procedures, fitted, keyOf).flatMap(wrap) : [];
  // A refusal says its whole reason, wrapped: cut at 80 columns it would lose the part that says why.
  const noteLines = note ? wrapCells(sanitizeLine(note), width - 2, '  ') : [];
  const detailBody = Math.max(1, height - 1 - noteLines.length);
  const lastTop = Math.max(0, account.length - detailBody);

  useKeyLayer(LAYER.view, ({name}) => {
    const binding = bindingFor(name);
    const current = items.find((a) => a.key === selectedRef.current) ?? items[0];
    const kind = binding?.id === 'action' ? binding.action : undefined;
    // A/E/X on a selected alert act on its PagerDuty incident (docs/pagerduty.md).
    const page = pagingRequest(kind, current);
    if (page) {
      hold();
      begin(page);
      return true;
    }
    // An action that acts on a pane's row acts here on the selected alert or not at all: the row behind the view
    // is hidden, so falling through to it would change something the person cannot see.
    const onRow = kind !== undefined && (ALERT_ACTION_KINDS.has(kind) || definitionOf(kind)?.row !== undefined);
    if (binding && kind !== undefined && onRow && current) {
      const offer = fitted.offers.find((o) => o.request.kind === kind);
      if (offer && current.key === selected?.key) {
        setNote(undefined);
        hold();
        begin(offer.request);
      } else {
        // The note about this action when there is one ("no scale offered: …"); else that the alert calls for none.
        const why =
          fitted.notes.find((n) => n.includes(binding.hint)) ??
          `${current.name} calls for no ${binding.hint}; here a key acts on the selected alert only (Esc closes this view)`;
        setNote(`no ${binding.hint} fits ${current.name} ${current.target}: ${why}`);
      }
      return true;
    }
    // The account shows while its alert is active; when it resolves, the list shows again.
    if (detailRef.current && items.some((a) => a.key === selectedRef.current)) {
      if (binding?.id === 'back') {
        setDetail(false);
        return true;
      }
      const next = listMove(name, Math.min(topRef.current, lastTop), lastTop + 1, detailBody - 1);
      if (next === undefined) return false;
      setTop(next);
      return true;
    }
    if (binding?.id === 'open' && current) {
      setSelectedKey(current.key);
      setTop(0);
      setDetail(true);
      return true;
    }
    const at = Math.max(
      0,
      items.findIndex((a) => a.key === selectedRef.current),
    );
    const next = listMove(name, at, items.length, listBody);
    if (next === undefined) return false;
    setNote(undefined);
    setSelectedKey(items[next]?.key);
    return true;
  });

  const firing = alerts.filter((a) => a.state === 'firing').length;
  const sev1 = theme.ascii ? '!!' : '‼';
  if (detail && selected && selected.key === selectedKey) {
    const start = Math.min(top, lastTop);
    const shown = account.slice(start, start + detailBody);
    const range = account.length > detailBody ? `lines ${start + 1}-${start + shown.length} of ${account.length} ` : '';
    const what = `${selected.state === 'firing' ? '' : 'pending '}SEV-${selected.severity} ${selected.name} ${selected.target}`;
    // The alert first; how to go back in as many words as fit beside it (never "Esc back to the l…").
    const room = Math.max(0, width - cellWidth(range) - 1);
    const title = firstThatFits([` ${what}${sep}${keyOf('back')} back to the list`, ` ${what}${sep}${keyOf('back')} back`, ` ${what}`], room);
    return (
      <Box flexDirection="column" width={width} height={height}>
        <Text bold color={theme.tone(selected.state === 'firing' ? severityTone(selected.severity) : 'muted')} wrap="truncate">
          {fit(sanitizeLine(title), room, 'left', theme.ellipsis)}
          {range ? ' ' : ''}
          {range}
        </Text>
        {shown.map((l, i) => (
          <Text key={start + i} color={theme.tone(l.tone)} bold={l.bold} wrap="truncate">
            {fit(`  ${l.text}`, width, 'left', theme.ellipsis)}
          </Text>
        ))}
        {noteLines.map((l, i) => (
          <Text key={`note${i}`} color={theme.tone('warn')}>
            {fit(` ${l}`, width)}
          </Text>
        ))}
      </Box>
    );
  }

  const rowsTop = windowStart(items.length, listBody, index, listTop.current);
  listTop.current = rowsTop;
  const rows = items.slice(rowsTop, rowsTop + listBody);
  const range = items.length > listBody ? `${rowsTop + 1}-${rowsTop + rows.length} of ${items.length} ` : '';
  const offers = fitted.offers.map((o) => `${keyOf(o.request.kind)} ${o.label}`);
  const offered = selected ? [`${keyOf('open')} details`, ...offers, ...(offers.length ? [] : fitted.notes.slice(0, 1))].join(sep) : '';
  const bottom = note ? noteLines : offered ? [fit(offered, width - 1, 'left', theme.ellipsis)] : [];
  // Room the list leaves shows the start of the selected alert's account (a rule, then as many lines as fit).
  const spare = height - 1 - (alerts.length === 0 ? 1 : 0) - rows.length - (coverage ? 1 : 0) - (paging ? 1 : 0) - bottom.length;
  const preview = selected && spare >= 3 ? account.slice(0, spare - 1) : [];
  const previewTitle = selected ? ` ${theme.rule.repeat(2)} ${selected.name} ${selected.target} ` : '';
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">
        {fit(
          ` Alerts: ${firing} firing, ${alerts.length - firing} pending${sep}${keyOf('open')} details${sep}${keyOf('back')} close`,
          Math.max(0, width - cellWidth(range) - 1),
          'left',
          theme.ellipsis,
        )}
        {range ? ' ' : ''}
        {range}
      </Text>
      {alerts.length === 0 ? <Text color={theme.tone('ok')}>{fit(` ${theme.symbol('ok')} nothing firing or pending`, width)}</Text> : null}
      {rows.map((a) => {
        const isSelected = a.key === selected?.key;
        const tone = a.state === 'firing' ? severityTone(a.severity) : 'muted';
        // Whole facts only: a narrow list says fewer of them rather than cutting a value ("> 1…" for "> 100").
        const marker = ` ${isSelected ? theme.selected : theme.symbol(tone)} `;
        return (
          <Text key={a.key} inverse={isSelected} bold={isSelected || (a.state === 'firing' && a.severity <= 2)} color={theme.tone(tone)} wrap="truncate">
            {fit(`${marker}${fitParts(listParts(a, now, sev1).map(sanitizeLine), width - cellWidth(marker), theme.ellipsis)}`, width)}
          </Text>
        );
      })}
      {coverage ? <Text color={theme.tone('warn')}>{fit(` ${theme.symbol('warn')} ${coverage}`, width, 'left', theme.ellipsis)}</Text> : null}
      {paging ? <Text color={theme.tone(paging.tone)}>{fit(` ${theme.symbol(paging.tone)} ${paging.text}`, width, 'left', theme.ellipsis)}</Text> : null}
      {bottom.map((l, i) => (
        <Text key={`bottom${i}`} color={theme.tone(note ? 'warn' : 'accent')} bold wrap="truncate">
          {fit(` ${l}`, width)}
        </Text>
      ))}
      {preview.length ? (
        <Text dimColor wrap="truncate">
          {fit(sanitizeLine(previewTitle) + theme.rule.repeat(Math.max(0, width - cellWidth(previewTitle))), width)}
        </Text>
      ) : null}
      {preview.map((l, i) => (
        <Text key={`preview-${i}`} color={theme.tone(l.tone)} bold={l.bold} wrap="truncate">
          {fit(`  ${l.text}`, width, 'left', theme.ellipsis)}
        </Text>
      ))}
    </Box>
  );
}
