// Lag detail: the projection's figures against the SLO and its P95 lag over the last hour.
import {Box, Text} from 'ink';
import type {LagReading, ProjectionLag} from '../../data/readings/types.js';
import {fit} from '../../data/text/width.js';
import {TrendBlock} from '../../ui/components/trend-block.js';
import {count, seconds} from '../../ui/format.js';
import {LAG_SLO, LAG_TREND_LINE} from './rows.js';

/** The projection in one line: lag, P95 and P99 against the SLO, throughput, and when the alert fires. */
function headline(rowKey: string, p: ProjectionLag): string {
  const parts = [
    rowKey,
    `lag ${seconds(p.lagSeconds)}`,
    `P95 ${seconds(p.p95Seconds)} (SLO <${LAG_SLO.p95}s)`,
    `P99 ${seconds(p.p99Seconds)} (SLO <${LAG_SLO.p99}s)`,
    `${count(p.eventsPerSecond)} events/s`,
    `alert at >${LAG_SLO.alert}s for 10m`,
  ];
  return ` ${parts.join(' · ')}`;
}

export function LagDetailView({rowKey, reading, width, height}: {rowKey: string; reading?: LagReading; width: number; height: number}) {
  const p = reading?.projections.find((x) => `${x.projection}@${x.region}` === rowKey);
  if (!p) return <Text>{fit(` ${rowKey}: not in the reading`, width)}</Text>;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold>{fit(headline(rowKey, p), width)}</Text>
      <TrendBlock
        title={p.p95Seconds !== undefined ? 'P95 lag' : 'Lag'}
        series={p.series}
        width={width}
        rows={Math.max(4, height - 2)}
        format={(v) => seconds(v)}
        threshold={LAG_TREND_LINE}
        tone="info"
      />
    </Box>
  );
}
