// The backfill: everything the recorder kept, as OpenMetrics with timestamps, for
// `promtool tsdb create-blocks-from openmetrics`. Sloth's 5-minute SLO ratio goes back 30 days so that
// `slo:sli_error:ratio_rate30d` (an average of it) matches the demo's 30-day budget from the first evaluation.
import {ATP_SLOS, sliLabels, slothId} from './slos.js';
import type {Recorder, RecordedSeries} from './recorder.js';
import type {Labels} from './samples.js';
import type {Segment} from './synthetic.js';

const MIN = 60_000;
const PERIOD_MS = 30 * 24 * 60 * MIN;

/** Labels and spacing of one backfill. */
export interface BackfillOptions {
  /** `job` and `instance` labels Prometheus will put on the live scrapes of this simulator. */
  readonly job: string;
  readonly instance: string;
  /** Prometheus's rule evaluation interval: the spacing of the backfilled `slo:sli_error:ratio_rate5m`. */
  readonly sloIntervalMs: number;
  readonly now: number;
}

const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labelText = (labels: Labels) =>
  `{${Object.entries(labels)
    .map(([k, v]) => `${k}="${escape(v)}"`)
    .join(',')}}`;
const stamp = (t: number) => (t / 1000).toFixed(3);

/** Time integral of piecewise-constant segments, by binary search over their prefix sums. */
function integrator(segments: readonly Segment[]): (t: number) => number {
  const cum: number[] = [0];
  for (const s of segments) cum.push((cum[cum.length - 1] ?? 0) + (s.to - s.from) * s.ratio);
  return (t) => {
    let lo = 0;
    let hi = segments.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((segments[mid]?.to ?? 0) <= t) lo = mid + 1;
      else hi = mid;
    }
    const s = segments[lo];
    if (!s) return cum[cum.length - 1] ?? 0;
    return (cum[lo] ?? 0) + Math.max(0, t - s.from) * s.ratio;
  };
}

function* seriesLines(rec: RecordedSeries, extra: Labels): Generator<string> {
  // A series' own `instance` (a node, a probed endpoint) wins, as honor_labels keeps it on the live scrape.
  const merged: Record<string, string> = {...rec.labels, ...extra};
  if (rec.labels.instance !== undefined) merged.instance = rec.labels.instance;
  const labels = labelText(merged);
  let out = '';
  for (let i = 0; i < rec.times.length; i++) {
    out += `${rec.name}${labels} ${rec.values[i]} ${stamp(rec.times[i]!)}\n`;
    if (out.length > 65_536) {
      yield out;
      out = '';
    }
  }
  if (out) yield out;
}

function* sloLines(recorder: Recorder, options: BackfillOptions): Generator<string> {
  const step = options.sloIntervalMs;
  const first = recorder.firstStep ?? options.now;
  yield '# HELP slo:sli_error:ratio_rate5m Sloth SLI error ratio over 5 minutes (backfilled from the demo history).\n# TYPE slo:sli_error:ratio_rate5m gauge\n';
  for (const slo of ATP_SLOS) {
    const id = slothId(slo);
    const integral = integrator(recorder.segments.get(id) ?? []);
    const labels = labelText(sliLabels(slo, '5m'));
    let out = '';
    let live = 0;
    for (let t = Math.ceil((options.now - PERIOD_MS) / step) * step; t <= options.now; t += step) {
      let ratio: number | undefined;
      if (t < first) ratio = (integral(t) - integral(t - 5 * MIN)) / (5 * MIN);
      else {
        while (live + 1 < recorder.slo5m.length && recorder.slo5m[live + 1]!.t <= t) live++;
        const frame = recorder.slo5m[live];
        ratio = frame && frame.t <= t ? frame.ratios.get(id) : undefined;
      }
      if (ratio === undefined || !Number.isFinite(ratio)) continue;
      out += `slo:sli_error:ratio_rate5m${labels} ${ratio} ${stamp(t)}\n`;
      if (out.length > 65_536) {
        yield out;
        out = '';
      }
    }
    if (out) yield out;
  }
}

/** The whole OpenMetrics document, in chunks. */
export function* backfill(recorder: Recorder, options: BackfillOptions): Generator<string> {
  const extra = {job: options.job, instance: options.instance};
  const byFamily = new Map<string, RecordedSeries[]>();
  for (const rec of recorder.series.values()) {
    const list = byFamily.get(rec.family) ?? [];
    list.push(rec);
    byFamily.set(rec.family, list);
  }
  for (const [family, list] of byFamily) {
    const first = list[0]!;
    // OpenMetrics names a counter family without its `_total` suffix.
    const name = first.type === 'counter' ? family.replace(/_total$/, '') : family;
    yield `# HELP ${name} ${first.help}\n# TYPE ${name} ${first.type}\n`;
    for (const rec of list) yield* seriesLines(rec, extra);
  }
  yield* sloLines(recorder, options);
  yield '# EOF\n';
}
