// The area under the alerts: the five panes, or the open view (detail, help, alerts, journal).
import {Box} from 'ink';
import type {ActiveAlert} from '../data/alerts/evaluate.js';
import type {AlertRule} from '../data/alerts/rule.js';
import type {PaneSnapshot} from '../data/feed.js';
import type {PaneId} from '../data/readings/types.js';
import {LogView} from '../panes/health/log-view.js';
import {PANES, paneDetail} from '../panes/registry.js';
import {PaneView, paneStatus} from './components/pane-view.js';
import type {RowModel} from './components/table-model.js';
import {useCockpit, useNow, useTheme} from './context.js';
import type {Layout} from './layout.js';
import {AlertsView} from './overlays/alerts-view.js';
import {HelpView} from './overlays/help.js';
import {JournalView} from './overlays/journal-view.js';
import {TimelineView} from './overlays/timeline-view.js';
import type {UiState} from './state.js';

export interface MainAreaProps {
  readonly state: UiState;
  readonly layout: Layout;
  readonly rowsByPane: Readonly<Record<PaneId, readonly RowModel[]>>;
  readonly snapshots: {readonly [P in PaneId]: PaneSnapshot<P>};
  readonly alerts: readonly ActiveAlert[];
  /** Rules no source could evaluate (listed in the alert view). */
  readonly unevaluated?: readonly AlertRule[];
  readonly paused: ReadonlySet<PaneId>;
}

export function MainArea({state, layout, rowsByPane, snapshots, alerts, unevaluated, paused}: MainAreaProps) {
  const {session} = useCockpit();
  const now = useNow();
  const theme = useTheme();
  const width = layout.columns;
  const height = layout.areaHeight;
  const view = state.view;
  if (view.kind === 'help') return <HelpView width={width} height={height} />;
  if (view.kind === 'alerts') return <AlertsView alerts={alerts} unevaluated={unevaluated} width={width} height={height} />;
  if (view.kind === 'journal') return <JournalView width={width} height={height} version={state.flash?.at ?? 0} />;
  if (view.kind === 'timeline') return <TimelineView alerts={alerts} width={width} height={height} />;
  if (view.kind === 'logs') return <LogView rowKey={view.key} width={width} height={height} />;
  if (view.kind === 'detail') return <>{detailOf(view.pane, view.key, snapshots, width, height)}</>;
  const rowContext = {thresholds: session.context.thresholds, alerts, now, symbol: theme.symbol, ascii: theme.ascii};
  const columnsOf = (x: number) => layout.panes.filter((b) => b.x === x);
  const xs = [...new Set(layout.panes.map((b) => b.x))];
  return (
    <Box flexDirection="row" width={width} height={height}>
      {xs.map((x) => (
        <Box key={x} flexDirection="column">
          {columnsOf(x).map((box) => {
            const rows = rowsByPane[box.pane];
            const selectedKey = state.selected[box.pane] ?? rows[0]?.key;
            const selected = Math.max(
              0,
              rows.findIndex((r) => r.key === selectedKey),
            );
            const status = paneStatus(snapshots[box.pane] as PaneSnapshot<PaneId>, now, session.context.staleAfterMs[box.pane], paused.has(box.pane), theme);
            return (
              <PaneView
                key={box.pane}
                pane={box.pane}
                width={box.width}
                height={box.height}
                index={['health', 'lag', 'dlq', 'outbox', 'burn'].indexOf(box.pane) + 1}
                summary={PANES[box.pane].summary(rows, rowContext)}
                columns={PANES[box.pane].columns}
                rows={rows}
                selected={selected}
                focused={state.focus === box.pane}
                {...status}
                filter={state.filters[box.pane]}
              />
            );
          })}
        </Box>
      ))}
    </Box>
  );
}

/** The pane's own detail view (PaneSpec.detail) for the row `rowKey`, over the pane's reading. */
function detailOf<P extends PaneId>(pane: P, rowKey: string, snapshots: MainAreaProps['snapshots'], width: number, height: number) {
  return paneDetail(pane, {rowKey, reading: snapshots[pane].value, width, height});
}
