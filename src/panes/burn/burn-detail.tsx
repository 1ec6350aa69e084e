// Burn detail: every Sloth window's error ratio and burn rate, the alert pairs, the budget policy and a burn chart.
import {Box, Text} from 'ink';
import type {BurnReading} from '../../data/readings/types.js';
import {BURN_WINDOWS} from '../../data/readings/types.js';
import {burnFigures, DEFAULT_POLICY} from '../../data/slo/burn.js';
import {BURN_TREND_LINE} from './rows.js';
import {fit} from '../../data/text/width.js';
import {TrendBlock} from '../../ui/components/trend-block.js';
import {useTheme} from '../../ui/context.js';
import {burn, duration, percent} from '../../ui/format.js';

export function BurnDetailView({slo, reading, width, height}: {slo: string; reading?: BurnReading; width: number; height: number}) {
  const theme = useTheme();
  const s = reading?.slos.find((x) => x.slo === slo);
  if (!s) return <Text>{fit(` ${slo}: not in the reading`, width)}</Text>;
  const f = burnFigures(s);
  const lines: {text: string; tone?: Parameters<typeof theme.tone>[0]; bold?: boolean}[] = [];
  lines.push({
    text: ` ${s.description ?? s.slo} · objective ${percent(s.objective, 2)} · error budget ${percent(1 - s.objective, 2)} over ${s.periodDays}d · remaining ${percent(f.remaining)} · exhausts ${f.exhaustionMs === undefined ? 'never at this rate' : `in ${duration(f.exhaustionMs)}`}`,
    bold: true,
  });
  lines.push({text: ' WINDOW   ERROR RATIO   BURN RATE', bold: true});
  for (const w of BURN_WINDOWS)
    lines.push({
      text: `   ${w.padEnd(6)} ${percent(s.errorRatio[w], 3).padStart(11)}   ${burn(f.burn[w]).padStart(9)}`,
      tone: (f.burn[w] ?? 0) > 1 ? 'warn' : undefined,
    });
  lines.push({text: ' ALERT PAIRS (both windows above the threshold)', bold: true});
  for (const p of f.pairs)
    lines.push({
      text: `   ${`${p.pair.short}/${p.pair.long}`.padEnd(8)} > ${String(p.pair.threshold).padEnd(5)} ${burn(p.short)}/${burn(p.long)}  ${p.firing ? `FIRING (${p.pair.urgency})` : 'ok'}`,
      tone: p.firing ? 'crit' : undefined,
      bold: p.firing,
    });
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
      {lines.slice(0, height).map((l, i) => (
        <Text key={i} bold={l.bold} color={theme.tone(l.tone)} wrap="truncate">
          {fit(l.text, width, 'left', theme.ellipsis)}
        </Text>
      ))}
      {chartRows >= 4 ? (
        <TrendBlock title="5m burn rate" series={s.burnSeries} width={width} rows={chartRows} format={burn} threshold={BURN_TREND_LINE} tone="warn" />
      ) : null}
    </Box>
  );
}
