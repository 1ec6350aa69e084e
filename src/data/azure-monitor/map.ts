// Query rows → readings. Rows come per (key, time bin); the current value of a field is its latest non-empty bin
// (or a row without a timestamp, which a custom query may return as a window total), and the bins make the trends.
import type {Outbox, ProjectionLag, Sample, ServiceHealth} from '../readings/types.js';
import type {Aliases, Rows} from './table.js';

/** Health query columns: accepted names per field (case-insensitive; the first is what the default KQL returns). */
export const HEALTH_COLUMNS: Aliases = {
  service: ['service', 'cloud_RoleName', 'AppRoleName'],
  region: ['region'],
  timestamp: ['timestamp', 'TimeGenerated'],
  requests: ['requests', 'count_', 'count'],
  failed: ['failed', 'failures', 'errors'],
  p95: ['P95', 'p95Ms', 'percentile_duration_95'],
  p99: ['P99', 'p99Ms', 'percentile_duration_99'],
};
/** Lag query columns. */
export const LAG_COLUMNS: Aliases = {
  projection: ['projection'],
  region: ['region'],
  timestamp: ['timestamp', 'TimeGenerated'],
  lag: ['lag', 'lagSeconds'],
  p95: ['p95', 'p95Seconds'],
  p99: ['p99', 'p99Seconds'],
  eps: ['eventsPerSecond', 'eps'],
};
/** Outbox query columns. */
export const OUTBOX_COLUMNS: Aliases = {
  service: ['service', 'cloud_RoleName', 'AppRoleName'],
  region: ['region'],
  timestamp: ['timestamp', 'TimeGenerated'],
  pending: ['pending'],
  oldest: ['oldestAgeSeconds', 'oldest'],
  relay: ['relayPerSecond', 'relay'],
};

/** One key's rows: bins in time order, and an optional window-total row. */
interface Group {
  readonly name: string;
  readonly region: string;
  readonly bins: {t: number; row: number}[];
  total?: number;
}

function group(rows: Rows, keyColumn: string, fallbackRegion: string, lower: boolean): Group[] {
  const groups = new Map<string, Group>();
  for (let row = 0; row < rows.count; row++) {
    const raw = rows.text(row, keyColumn);
    if (!raw) continue;
    const name = lower ? raw.toLowerCase() : raw;
    const region = rows.text(row, 'region') || fallbackRegion;
    const key = `${name}\u0000${region}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = {name, region, bins: []}));
    const t = rows.time(row, 'timestamp');
    if (t === undefined) g.total = row;
    else g.bins.push({t, row});
  }
  for (const g of groups.values()) g.bins.sort((a, b) => a.t - b.t);
  return [...groups.values()];
}

/** The field's value in the total row, else in the latest bin that has it. */
function latest(rows: Rows, g: Group, column: string): number | undefined {
  if (g.total !== undefined) {
    const v = rows.num(g.total, column);
    if (v !== undefined) return v;
  }
  for (let i = g.bins.length - 1; i >= 0; i--) {
    const v = rows.num(g.bins[i]?.row ?? -1, column);
    if (v !== undefined) return v;
  }
  return undefined;
}

function series(rows: Rows, g: Group, value: (row: number) => number | undefined): Sample[] {
  return g.bins.flatMap(({t, row}) => {
    const v = value(row);
    return v === undefined ? [] : [{t, v}];
  });
}

/** Nearest-rank percentile of `values` (undefined when empty). */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Error rate, P95/P99 and request rate per service and region, from `requests` summarised per bin. */
export function healthRows(rows: Rows, span: {readonly binMs: number; readonly windowMs: number}, fallbackRegion: string): ServiceHealth[] {
  const ratio = (row: number) => {
    const requests = rows.num(row, 'requests');
    const failed = rows.num(row, 'failed');
    return requests !== undefined && requests > 0 && failed !== undefined ? failed / requests : undefined;
  };
  return group(rows, 'service', fallbackRegion, true).map((g) => {
    const lastBin = g.bins.at(-1)?.row;
    const current = g.total ?? lastBin;
    const requests = current === undefined ? undefined : rows.num(current, 'requests');
    return {
      service: g.name,
      region: g.region,
      errorRatio: current === undefined ? undefined : ratio(current),
      p95Ms: latest(rows, g, 'p95'),
      p99Ms: latest(rows, g, 'p99'),
      // A total row counts the whole window; a bin row one bin.
      requestRate: requests === undefined ? undefined : requests / ((g.total !== undefined ? span.windowMs : span.binMs) / 1000),
      errorSeries: series(rows, g, ratio),
      p95Series: series(rows, g, (row) => rows.num(row, 'p95')),
    };
  });
}

/** Projection lag per projection and region, from `atp_projection_lag_seconds` per bin. */
export function lagRows(rows: Rows, fallbackRegion: string): ProjectionLag[] {
  return group(rows, 'projection', fallbackRegion, false).flatMap((g) => {
    const lag = latest(rows, g, 'lag');
    if (lag === undefined) return [];
    const trend = series(rows, g, (row) => rows.num(row, 'lag'));
    const values = trend.map((s) => s.v);
    return [
      {
        projection: g.name,
        region: g.region,
        lagSeconds: lag,
        p95Seconds: latest(rows, g, 'p95') ?? percentile(values, 95),
        p99Seconds: latest(rows, g, 'p99') ?? percentile(values, 99),
        eventsPerSecond: latest(rows, g, 'eps'),
        series: trend,
      },
    ];
  });
}

/** Outbox backlog per service and region, from `atp_outbox_*` per bin. */
export function outboxRows(rows: Rows, fallbackRegion: string): Outbox[] {
  return group(rows, 'service', fallbackRegion, true).flatMap((g) => {
    const pending = latest(rows, g, 'pending');
    if (pending === undefined) return [];
    return [
      {
        service: g.name,
        region: g.region,
        pending,
        oldestAgeSeconds: latest(rows, g, 'oldest') ?? 0,
        relayPerSecond: latest(rows, g, 'relay'),
        series: series(rows, g, (row) => rows.num(row, 'pending')),
      },
    ];
  });
}
