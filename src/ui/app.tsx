// The cockpit screen: header, alerts, five panes (or a view), footer, and the one dialog host.
import {Box} from 'ink';
import {useCallback, useEffect, useMemo, useReducer, useRef} from 'react';
import type {ActiveAlert} from '../data/alerts/evaluate.js';
import {paneHealth} from '../data/feed.js';
import {PANE_IDS, type PaneId} from '../data/readings/types.js';
import {capabilityFor} from '../data/session.js';
import {PANES} from '../panes/registry.js';
import {AlertsStrip} from './alerts-strip.js';
import {groupAlerts, incidentSummary} from '../data/alerts/incident-summary.js';
import {IncidentLine, incidentLines} from './incident-line.js';
import {ActionsProvider, useActions} from './actions/actions-provider.js';
import {useActionDefs, useKeymap} from './actions/use-action-defs.js';
import {filterRows, sortRows, type RowModel} from './components/table-model.js';
import {useCockpit, useNow, useSize, useTheme} from './context.js';
import {Footer, footerHints} from './footer.js';
import {Header, headerLines} from './header.js';
import {useAlerts} from './hooks/use-alerts.js';
import {useAlertRecord} from './hooks/use-alert-record.js';
import {useFreezes} from './hooks/use-freezes.js';
import type {Snapshots} from './hooks/cockpit-store.js';
import {useAllSnapshots} from './hooks/use-pane.js';
import {computeLayout, type Trouble} from './layout.js';
import {MainArea} from './main-area.js';
import {initialUiState, uiReducer, type UiAction} from './state.js';
import type {Tone} from './theme.js';
import {useAppKeys} from './use-app-keys.js';
import {updateDue} from '../actions/status-update.js';
import {fittingKinds} from '../actions/alert-actions.js';
import {useLastUpdate} from './hooks/use-last-update.js';
import {bannerAlerts, WALL_BANNER_LINES, WallBanner} from './wall-banner.js';

const FLASH_MS = 8_000;

/** Rows per pane, recomputed only when that pane's reading, filter or alerts change. */
function usePaneRows(snapshots: Snapshots, filters: Readonly<Record<PaneId, string>>, alerts: readonly ActiveAlert[], now: number): Record<PaneId, RowModel[]> {
  const {session} = useCockpit();
  const theme = useTheme();
  const cache = useRef(new Map<PaneId, {value: unknown; filter: string; extra: string; rows: RowModel[]}>());
  // Rows show their alert's severity and age (to the minute), so a pane's rows follow its own alerts.
  const alertsOf = (pane: PaneId) =>
    alerts
      .filter((a) => a.pane === pane)
      .map((a) => `${a.key}:${a.state}:${a.severity}:${Math.floor((now - a.activeSince) / 60_000)}`)
      .join('|');
  const ctx = {thresholds: session.context.thresholds, alerts, now, symbol: theme.symbol, ascii: theme.ascii};
  const out = {} as Record<PaneId, RowModel[]>;
  for (const pane of PANE_IDS) {
    const value = snapshots[pane].value;
    const extra = alertsOf(pane);
    const hit = cache.current.get(pane);
    if (hit && hit.value === value && hit.filter === filters[pane] && hit.extra === extra) {
      out[pane] = hit.rows;
      continue;
    }
    const spec = PANES[pane] as (typeof PANES)['health'];
    const rows = filterRows(sortRows(spec.rows(value as never, ctx)), filters[pane]);
    cache.current.set(pane, {value, filter: filters[pane], extra, rows});
    out[pane] = rows;
  }
  return out;
}

/** Critical and warning rows of a pane: the layout gives them lines first. */
function troubleOf(rows: readonly RowModel[]): Trouble {
  let crit = 0;
  let warn = 0;
  for (const r of rows) {
    if (r.tone === 'crit') crit++;
    else if (r.tone === 'warn' || r.tone === 'unknown') warn++;
  }
  return {crit, warn};
}

/** The whole cockpit. */
export function App() {
  const [state, dispatch] = useReducer(uiReducer, undefined, () => initialUiState());
  const onResult = useCallback((text: string, tone: Tone) => dispatch({type: 'flash', text, tone, at: Date.now()}), []);
  return (
    <ActionsProvider onResult={onResult}>
      <Screen state={state} dispatch={dispatch} />
    </ActionsProvider>
  );
}

function Screen({state, dispatch}: {state: ReturnType<typeof initialUiState>; dispatch: (a: UiAction) => void}) {
  const cockpit = useCockpit();
  const {session, clock, wall} = cockpit;
  const now = useNow();
  const {columns, rows} = useSize();
  const actions = useActions();
  const snapshots = useAllSnapshots(actions.paused);
  const {alerts, unevaluated} = useAlerts(snapshots, now);
  const freezes = useFreezes();
  const lastUpdate = useLastUpdate(cockpit.journal, cockpit.session.context.name);
  useAlertRecord(alerts, unevaluated, snapshots, now, (text) => dispatch({type: 'flash', text, tone: 'crit', at: clock.now()}));

  const rowsByPane = usePaneRows(snapshots, state.filters, alerts, now);
  const keys = Object.fromEntries(PANE_IDS.map((p) => [p, rowsByPane[p].map((r) => r.key)])) as Record<PaneId, string[]>;

  // The worst story is told once: on the wall by the banner, elsewhere by the incident summary under the header;
  // the strip lists the rest, so nothing appears twice.
  const above = useMemo(() => (wall ? bannerAlerts(alerts) : (groupAlerts(alerts)[0]?.alerts ?? [])), [wall, alerts]);
  const stripAlerts = useMemo(() => {
    const shown = new Set(above);
    return alerts.filter((a) => !shown.has(a));
  }, [above, alerts]);
  const summary = wall ? [] : incidentLines(incidentSummary(alerts, session.procedures), columns, 3);
  const freezeLines = Math.max(0, headerLines(freezes, rows) - 1);
  const layout = computeLayout({
    columns,
    rows,
    headerLines: 1 + freezeLines + summary.length,
    alertsWanted: stripAlerts.filter((a) => a.state === 'firing').length,
    focus: state.focus,
    rowCounts: Object.fromEntries(PANE_IDS.map((p) => [p, rowsByPane[p].length])) as Record<PaneId, number>,
    trouble: Object.fromEntries(PANE_IDS.map((p) => [p, troubleOf(rowsByPane[p])])),
    wall,
    // The wall has no key hints, but shows the line while `:quit` is typed or a message says why `q` did not quit.
    footer: !wall || state.input !== undefined || state.flash !== undefined,
    bannerLines: wall ? WALL_BANNER_LINES : 0,
    notes: new Set(
      PANE_IDS.filter((p) => paneHealth(snapshots[p], now, session.context.staleAfterMs[p]).error !== undefined || snapshots[p].value?.partial !== undefined),
    ),
  });
  const place = state.view.kind;
  const footerPane = state.view.kind === 'detail' ? state.view.pane : state.view.kind === 'logs' ? 'health' : state.focus;
  const focusedBox = layout.panes.find((b) => b.pane === state.focus);

  const defs = useActionDefs();
  const keymap = useKeymap();
  // The actions the session can do (a source offers the capability): only their keys show in the footer. Logs are
  // reading, not an action, and show where a source of the health pane gives them (issue 16).
  const available = useMemo(() => {
    const set = new Set(defs.filter((d) => d.available(session)).map((d) => d.kind));
    if (capabilityFor(session, 'health', 'logs')) set.add('logs');
    return set;
  }, [defs, session]);
  // The actions the firing alerts call for (the alert view's table): the footer offers their keys first.
  const fitting = useMemo(() => fittingKinds(alerts), [alerts]);

  useAppKeys({
    state,
    dispatch,
    cockpit,
    keys,
    pageSize: Math.max(1, (focusedBox?.height ?? 4) - 2),
    now: () => clock.now(),
    begin: actions.begin,
    dialogOpen: actions.open,
    actions: defs,
    keymap,
  });

  useEffect(() => {
    if (!state.flash) return undefined;
    const handle = setTimeout(() => dispatch({type: 'clear-flash'}), FLASH_MS);
    return () => clearTimeout(handle);
  }, [state.flash, dispatch]);

  const healths = PANE_IDS.map((p) => paneHealth(snapshots[p], now, session.context.staleAfterMs[p]));
  const ages = healths.flatMap((h) => (h.ageMs === undefined ? [] : [h.ageMs]));
  // Data a dialog holds still is old on purpose: the header says "held" for it, never STALE.
  const stale = healths.some((h, i) => h.stale && !actions.paused.has(PANE_IDS[i] ?? 'health'));
  return (
    <Box flexDirection="column" width={columns} height={rows} overflow="hidden">
      <Header
        width={columns}
        worstAgeMs={ages.length ? Math.max(...ages) : undefined}
        anyStale={stale}
        held={actions.paused.size > 0}
        freezes={freezes.slice(0, freezeLines)}
        updateDue={updateDue(alerts, lastUpdate, now)}
      />
      <IncidentLine lines={summary} worst={above[0]} width={columns} />
      {wall ? <WallBanner alerts={alerts} width={columns} /> : null}
      <AlertsStrip
        alerts={stripAlerts}
        shownAbove={above.length}
        unevaluated={unevaluated}
        width={columns}
        lines={layout.alertLines - (wall ? WALL_BANNER_LINES : 0)}
      />
      <MainArea state={state} layout={layout} rowsByPane={rowsByPane} snapshots={snapshots} alerts={alerts} unevaluated={unevaluated} paused={actions.paused} />
      {layout.footerLines > 0 ? (
        <Footer state={state} width={columns} hints={footerHints(place, footerPane, available, session.context.readOnly, wall, keymap.bindings, fitting)} />
      ) : null}
    </Box>
  );
}
