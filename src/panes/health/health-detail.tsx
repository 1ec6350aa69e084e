// Health detail: the readiness checks, the pods and the recent events of one service in one region.
import {Box, Text} from 'ink';
import type {HealthReading} from '../../data/readings/types.js';
import {fit} from '../../data/text/width.js';
import {useCockpit, useNow, useTheme} from '../../ui/context.js';
import {useHealthDetail} from '../../ui/hooks/use-health-detail.js';
import {duration, millis, percent, utcClock} from '../../ui/format.js';
import {rowStatus} from '../../data/health/status.js';

export function HealthDetailView({rowKey, reading, width, height}: {rowKey: string; reading?: HealthReading; width: number; height: number}) {
  const theme = useTheme();
  const now = useNow();
  const {session} = useCockpit();
  const [service = '', region = ''] = rowKey.split('@');
  const row = reading?.services.find((s) => s.service === service && s.region === region);
  const {snapshot, available} = useHealthDetail(service, region);
  const detail = snapshot?.value;
  const error = snapshot && snapshot.failures > 0 ? snapshot.error : undefined;
  const lines: {text: string; tone?: Parameters<typeof theme.tone>[0]; bold?: boolean}[] = [];
  if (!row) lines.push({text: ` ${rowKey}: no longer in the reading`, tone: 'warn'});
  else {
    const {status, reason} = rowStatus(row, session.context.thresholds);
    lines.push({
      text: ` ${rowKey} · ${status}${reason ? ` (${reason})` : ''} · ${row.version ?? '?'}${row.revision !== undefined ? ` r${row.revision}` : ''} · pods ${row.podsReady ?? '?'}/${row.podsDesired ?? '?'} · errors ${percent(row.errorRatio)} · P95 ${millis(row.p95Ms)} · P99 ${millis(row.p99Ms)}`,
      bold: true,
      tone: status === 'Healthy' ? 'ok' : status === 'Unhealthy' ? 'crit' : 'warn',
    });
    lines.push({
      text: ` READINESS CHECKS${row.checkDurationMs !== undefined ? ` (total ${millis(row.checkDurationMs)})` : ''}${row.liveStatus ? ` · liveness ${row.liveStatus}` : ''}`,
      bold: true,
    });
    const checks = detail?.checks ?? row.checks ?? [];
    if (checks.length === 0) lines.push({text: `   ${row.statusReason ?? 'no check data'}`, tone: 'muted'});
    for (const c of checks) {
      const tone = c.status === 'Healthy' ? 'ok' : c.status === 'Degraded' ? 'warn' : c.status === 'Unknown' ? 'unknown' : 'crit';
      lines.push({
        text: `   ${theme.symbol(tone)} ${c.name.padEnd(18)} ${c.status.padEnd(10)} ${millis(c.durationMs).padStart(6)}  ${c.description ?? ''}${c.exception ? ` · ${c.exception}` : ''}`,
        tone: c.status === 'Healthy' ? undefined : tone,
      });
    }
  }
  lines.push({
    text: ` PODS${error ? ` (detail unavailable: ${error})` : available ? '' : ' (no source of this pane lists pods)'}`,
    bold: true,
    tone: error ? 'crit' : undefined,
  });
  for (const p of detail?.pods ?? []) {
    lines.push({
      text: `   ${p.name.padEnd(34)} ${p.phase.padEnd(9)} ${p.ready ? 'ready' : 'NOT READY'}  restarts ${String(p.restarts).padEnd(3)} ${p.image?.split('/').pop() ?? ''}${p.problem ? `  ${p.problem.state}: ${p.problem.reason}` : ''}`,
      tone: p.problem ? 'crit' : undefined,
    });
  }
  lines.push({text: ' RECENT EVENTS', bold: true});
  for (const e of (detail?.events ?? []).slice(0, 20)) {
    lines.push({
      text: `   ${utcClock(e.at)} ${duration(now - e.at).padStart(5)} ${e.type.padEnd(8)} ${e.reason.padEnd(18)} ${e.object} ${e.message}${e.count && e.count > 1 ? ` (x${e.count})` : ''}`,
      tone: e.type === 'Warning' ? 'warn' : undefined,
    });
  }
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {lines.slice(0, height).map((l, i) => (
        <Text key={i} bold={l.bold} color={theme.tone(l.tone)} wrap="truncate">
          {fit(l.text, width, 'left', theme.ellipsis)}
        </Text>
      ))}
    </Box>
  );
}
