// Health detail: the readiness checks, the pods and the recent events of one service in one region. The session
// reads the detail (issue 16): this view fetches nothing. Each part is a pure function of the row and the detail.
import {Box} from 'ink';
import {rowStatus} from '../../data/health/status.js';
import type {CheckEntry, EventInfo, HealthReading, HealthStatus, PodInfo, ServiceHealth} from '../../data/readings/types.js';
import {DetailLines, type DetailLine} from '../../ui/components/detail-lines.js';
import {useCockpit, useNow, useTheme} from '../../ui/context.js';
import {useHealthDetail} from '../../ui/hooks/use-health-detail.js';
import {duration, millis, percent, utcClock} from '../../ui/format.js';
import type {Theme, Tone} from '../../ui/theme.js';

/** At most this many recent events are shown, in the order the source gives them. */
const EVENTS_SHOWN = 20;

const statusTone = (status: HealthStatus): Tone => (status === 'Healthy' ? 'ok' : status === 'Unhealthy' ? 'crit' : 'warn');
const checkTone = (status: HealthStatus): Tone => (status === 'Unknown' ? 'unknown' : status === 'Unhealthy' ? 'crit' : statusTone(status));

/** The row in one line: status and why, version and revision, pods, errors and latency. */
function headline(rowKey: string, row: ServiceHealth, status: HealthStatus, reason: string | undefined): string {
  const version = `${row.version ?? '?'}${row.revision !== undefined ? ` r${row.revision}` : ''}`;
  const parts = [
    rowKey,
    `${status}${reason ? ` (${reason})` : ''}`,
    version,
    `pods ${row.podsReady ?? '?'}/${row.podsDesired ?? '?'}`,
    `errors ${percent(row.errorRatio)}`,
    `P95 ${millis(row.p95Ms)}`,
    `P99 ${millis(row.p99Ms)}`,
  ];
  return ` ${parts.join(' · ')}`;
}

/** The readiness checks (the detail's when read, else the reading's), or why there are none. */
function checkLines(row: ServiceHealth, checks: readonly CheckEntry[], theme: Theme): DetailLine[] {
  const total = row.checkDurationMs !== undefined ? ` (total ${millis(row.checkDurationMs)})` : '';
  const liveness = row.liveStatus ? ` · liveness ${row.liveStatus}` : '';
  const lines: DetailLine[] = [{text: ` READINESS CHECKS${total}${liveness}`, bold: true}];
  if (checks.length === 0) lines.push({text: `   ${row.statusReason ?? 'no check data'}`, tone: 'muted'});
  for (const c of checks) {
    const tone = checkTone(c.status);
    const figures = `${c.name.padEnd(18)} ${c.status.padEnd(10)} ${millis(c.durationMs).padStart(6)}`;
    const words = `${c.description ?? ''}${c.exception ? ` · ${c.exception}` : ''}`;
    lines.push({text: `   ${theme.symbol(tone)} ${figures}  ${words}`, tone: c.status === 'Healthy' ? undefined : tone});
  }
  return lines;
}

/** The title of the pod list: whether the detail could be read at all. */
function podsTitle(error: string | undefined, available: boolean): DetailLine {
  const why = error ? ` (detail unavailable: ${error})` : available ? '' : ' (no source of this pane lists pods)';
  return {text: ` PODS${why}`, bold: true, tone: error ? 'crit' : undefined};
}

/** One pod: name, phase, readiness, restarts, image and the problem a container has. */
function podLine(p: PodInfo): DetailLine {
  const image = p.image?.split('/').pop() ?? '';
  const problem = p.problem ? `  ${p.problem.state}: ${p.problem.reason}` : '';
  const state = `${p.phase.padEnd(9)} ${p.ready ? 'ready' : 'NOT READY'}  restarts ${String(p.restarts).padEnd(3)}`;
  return {text: `   ${p.name.padEnd(34)} ${state} ${image}${problem}`, tone: p.problem ? 'crit' : undefined};
}

/** One event: when (clock and age), type, reason, object, message and how often. */
function eventLine(e: EventInfo, now: number): DetailLine {
  const when = `${utcClock(e.at)} ${duration(now - e.at).padStart(5)}`;
  const times = e.count && e.count > 1 ? ` (x${e.count})` : '';
  return {text: `   ${when} ${e.type.padEnd(8)} ${e.reason.padEnd(18)} ${e.object} ${e.message}${times}`, tone: e.type === 'Warning' ? 'warn' : undefined};
}

export function HealthDetailView({rowKey, reading, width, height}: {rowKey: string; reading?: HealthReading; width: number; height: number}) {
  const theme = useTheme();
  const now = useNow();
  const {session} = useCockpit();
  const [service = '', region = ''] = rowKey.split('@');
  const row = reading?.services.find((s) => s.service === service && s.region === region);
  const {snapshot, available} = useHealthDetail(service, region);
  const detail = snapshot?.value;
  const error = snapshot && snapshot.failures > 0 ? snapshot.error : undefined;
  const lines: DetailLine[] = [];
  if (!row) lines.push({text: ` ${rowKey}: no longer in the reading`, tone: 'warn'});
  else {
    const {status, reason} = rowStatus(row, session.context.thresholds);
    lines.push({text: headline(rowKey, row, status, reason), bold: true, tone: statusTone(status)});
    lines.push(...checkLines(row, detail?.checks ?? row.checks ?? [], theme));
  }
  lines.push(podsTitle(error, available), ...(detail?.pods ?? []).map(podLine));
  lines.push({text: ' RECENT EVENTS', bold: true}, ...(detail?.events ?? []).slice(0, EVENTS_SHOWN).map((e) => eventLine(e, now)));
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <DetailLines lines={lines} width={width} height={height} />
    </Box>
  );
}
