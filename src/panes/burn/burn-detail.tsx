// Burn detail: every Sloth window's error ratio and burn rate, the alert pairs, the budget policy and a burn chart.
import {Box, Text} from 'ink';
import type {BurnReading, SloBurn} from '../../data/readings/types.js';
import {BURN_WINDOWS} from '../../data/readings/types.js';
import {burnFigures, DEFAULT_POLICY, type BurnFigures} from '../../data/slo/burn.js';
import {BURN_TREND_LINE} from './rows.js';
import {fit} from '../../data/text/width.js';
import {DetailLines, type DetailLine} from '../../ui/components/detail-lines.js';
import {TrendBlock} from '../../ui/components/trend-block.js';
import {useTheme} from '../../ui/context.js';
import {burn, duration, percent} from '../../ui/format.js';

/** The SLO in one line: objective, budget, what remains of it and when it runs out at the 1 h burn. */
function headline(s: SloBurn, f: BurnFigures): string {
  const at = f.burn['1h'];
  const exhausts =
    at === undefined ? 'unknown (no 1h burn)' : `${f.exhaustionMs === undefined ? 'never' : `in ${duration(f.exhaustionMs)}`} at the 1h burn (${burn(at)})`;
  const parts = [
    s.description ?? s.slo,
    `objective ${percent(s.objective, 2)}`,
    `error budget ${percent(1 - s.objective, 2)} over ${s.periodDays}d`,
    `remaining ${percent(f.remaining)}`,
    `exhausts ${exhausts}`,
  ];
  return ` ${parts.join(' · ')}`;
}

/** One alert pair: its windows and threshold, both windows' burn, and whether it fires. */
function pairLine({pair, short, long, firing}: BurnFigures['pairs'][number]): DetailLine {
  const windows = `${pair.short}/${pair.long}`.padEnd(8);
  const state = firing ? `FIRING (${pair.urgency})` : 'ok';
  return {text: `   ${windows} > ${String(pair.threshold).padEnd(5)} ${burn(short)}/${burn(long)}  ${state}`, tone: firing ? 'crit' : undefined, bold: firing};
}

export function BurnDetailView({slo, reading, width, height}: {slo: string; reading?: BurnReading; width: number; height: number}) {
  const theme = useTheme();
  const s = reading?.slos.find((x) => x.slo === slo);
  if (!s) return <Text>{fit(` ${slo}: not in the reading`, width)}</Text>;
  const f = burnFigures(s);
  const lines: DetailLine[] = [{text: headline(s, f), bold: true}];
  lines.push({text: ' WINDOW   ERROR RATIO   BURN RATE', bold: true});
  for (const w of BURN_WINDOWS)
    lines.push({
      text: `   ${w.padEnd(6)} ${percent(s.errorRatio[w], 3).padStart(11)}   ${burn(f.burn[w]).padStart(9)}`,
      tone: (f.burn[w] ?? 0) > 1 ? 'warn' : undefined,
    });
  lines.push({text: ' ALERT PAIRS (both windows above the threshold)', bold: true});
  lines.push(...f.pairs.map(pairLine));
  lines.push({text: ' ERROR-BUDGET POLICY', bold: true});
  for (const stage of DEFAULT_POLICY) {
    const reached = f.stage && stage.consumed <= f.stage.consumed;
    lines.push({
      text: `   ${reached ? theme.symbol('warn') : ' '} ${percent(stage.consumed, 0).padStart(4)} consumed → ${stage.action}`,
      tone: reached ? 'warn' : 'muted',
    });
  }
  const chartRows = Math.max(0, height - lines.length - 1);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <DetailLines lines={lines} width={width} height={height} />
      {chartRows >= 4 ? (
        <TrendBlock title="5m burn rate" series={s.burnSeries} width={width} rows={chartRows} format={burn} threshold={BURN_TREND_LINE} tone="warn" />
      ) : null}
    </Box>
  );
}
