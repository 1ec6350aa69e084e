// Outbox detail: the service's backlog figures and its pending messages over the last hour.
import {Box, Text} from 'ink';
import type {OutboxReading} from '../../data/readings/types.js';
import {fit} from '../../data/text/width.js';
import {TrendBlock} from '../../ui/components/trend-block.js';
import {count, seconds} from '../../ui/format.js';

export function OutboxDetailView({rowKey, reading, width, height}: {rowKey: string; reading?: OutboxReading; width: number; height: number}) {
  const o = reading?.outboxes.find((x) => `${x.service}@${x.region}` === rowKey);
  if (!o) return <Text>{fit(` ${rowKey}: not in the reading`, width)}</Text>;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold>
        {fit(` ${rowKey} outbox · ${count(o.pending)} pending · oldest ${seconds(o.oldestAgeSeconds)} · relaying ${count(o.relayPerSecond)}/s`, width)}
      </Text>
      <TrendBlock title="Pending messages" series={o.series} width={width} rows={Math.max(4, height - 2)} format={(v) => `${count(v)} msg`} tone="info" />
    </Box>
  );
}
