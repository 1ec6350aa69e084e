// Error-budget burn: reading → rows (burn per window pair, budget, time to exhaustion, policy stage).
import type {BurnReading} from '../../data/readings/types.js';
import {BURN_PAIRS, burnFigures, pairLabel, type PolicyStage} from '../../data/slo/burn.js';
import type {Column, RowModel, TrendLine} from '../../ui/components/table-model.js';
import {burn, duration, percent} from '../../ui/format.js';
import type {Tone} from '../../ui/theme.js';

export const BURN_COLUMNS: readonly Column[] = [
  {id: 'slo', header: 'SLO', width: 22, priority: 1},
  {id: 'budget', header: 'BUDGET', width: 6, align: 'right', priority: 1},
  // One column per pair, `5m/1h >14.4`: the fast (page) pairs stay longest as the pane narrows.
  ...BURN_PAIRS.map((p, i): Column => ({id: `p${i + 1}`, header: `${pairLabel(p)} >${p.threshold}`, width: 13, align: 'right', priority: Math.min(3, i + 1)})),
  // When the budget runs out at the 1 h burn: the header says which rate, since the 5 m burn can be several times it.
  {id: 'exhaust', header: 'EXH @1h', width: 8, align: 'right', priority: 2},
  {id: 'policy', header: 'POLICY STAGE', width: 16, priority: 4, flex: true},
];

/** The 5m burn is charted against the pair it belongs to (5m/1h, the fast page): in the pane and in its detail. */
const PAGE_PAIR = BURN_PAIRS.find((p) => p.short === '5m');
export const BURN_TREND_LINE: TrendLine | undefined = PAGE_PAIR && {
  value: PAGE_PAIR.threshold,
  label: `${PAGE_PAIR.urgency} >${PAGE_PAIR.threshold}x (${PAGE_PAIR.short}/${PAGE_PAIR.long})`,
};

export function burnRows(reading: BurnReading | undefined, symbol: (tone: Tone) => string, stages?: readonly PolicyStage[]): RowModel[] {
  return (reading?.slos ?? []).map((slo) => {
    const f = burnFigures(slo, stages);
    const firing = f.pairs.filter((p) => p.firing);
    const tone: Tone = firing.some((p) => p.pair.urgency === 'page') ? 'crit' : firing.length ? 'warn' : f.stage ? 'warn' : 'ok';
    const cells: Record<string, {text: string; tone?: Tone; bold?: boolean}> = {
      slo: {text: slo.description ?? slo.slo, bold: tone !== 'ok'},
      budget: {text: percent(f.remaining, 0), tone: f.remaining === undefined ? 'muted' : f.remaining < 0.5 ? 'crit' : f.remaining < 0.9 ? 'warn' : undefined},
      exhaust: {
        text: f.burn['1h'] === undefined ? '—' : f.exhaustionMs === undefined ? 'never' : duration(f.exhaustionMs),
        tone: f.exhaustionMs !== undefined && f.exhaustionMs < 7 * 86_400_000 ? 'crit' : undefined,
      },
      policy: {text: f.stage ? `${Math.round((1 - (f.remaining ?? 1)) * 100)}% used: ${f.stage.action}` : '—', tone: f.stage ? 'warn' : 'muted'},
    };
    f.pairs.forEach((p, i) => {
      const mark = p.firing ? ` ${symbol(p.pair.urgency === 'page' ? 'crit' : 'warn')}` : '  ';
      cells[`p${i + 1}`] = {
        text: `${burn(p.short)}/${burn(p.long)}${mark}`,
        tone: p.firing ? (p.pair.urgency === 'page' ? 'crit' : 'warn') : undefined,
        bold: p.firing,
      };
    });
    const trend = {title: `${slo.description ?? slo.slo} 5m burn rate`, series: slo.burnSeries, format: (v: number) => burn(v), threshold: BURN_TREND_LINE};
    return {
      key: slo.slo,
      rank: (tone === 'crit' ? 100 : tone === 'warn' ? 50 : 0) + (f.burn['1h'] ?? 0),
      tone,
      search: `${slo.slo} ${slo.description ?? ''}`,
      cells,
      trend,
    };
  });
}
