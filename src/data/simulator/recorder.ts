// Records what Prometheus would have scraped before it existed: the SLO-driven history before the world's
// first step, then every series every 15 s, plus Sloth's 5-minute SLO ratio every 5 s (for the backfill).
import type {DemoWorld} from '../demo/world.js';
import {SimCounters, SLO_DRIVERS} from './counters.js';
import {counterFamilies, allFamilies, seriesKey, type Family, type Labels} from './samples.js';
import {sloSegments, type Segment} from './synthetic.js';

const MIN = 60_000;
/** How far back the raw counters go (Sloth's longest rate window is 3d). */
export const RAW_HISTORY_MS = 3 * 24 * 60 * MIN + 2 * 60 * MIN;
/** Spacing of the recorded frames and of the old (coarse) and recent (fine) synthetic samples. */
export const FRAME_MS = 15_000;
const COARSE_MS = 5 * MIN;
const FINE_MS = MIN;
const FINE_SPAN_MS = 7 * 60 * MIN;
const SLO_STEP_MS = 5_000;
/** Frames older than this are dropped (a long-running simulator must not grow without bound). */
const KEEP_MS = 3 * 60 * MIN;

/** One series of the backfill: its family and its samples in time order. */
export interface RecordedSeries {
  readonly family: string;
  readonly type: Family['type'];
  readonly help: string;
  readonly name: string;
  readonly labels: Labels;
  readonly times: number[];
  readonly values: number[];
}

/** The simulator's counters plus everything needed to backfill Prometheus (the world's onStep hook). */
export class Recorder {
  readonly counters = new SimCounters();
  /** The world's first step: where synthetic history ends and simulation begins. */
  firstStep: number | undefined;
  segments: ReadonlyMap<string, readonly Segment[]> = new Map();
  readonly series = new Map<string, RecordedSeries>();
  /** Sloth's `slo:sli_error:ratio_rate5m` as the demo computes it, per SLO id, every 5 s. */
  readonly slo5m: {t: number; ratios: Map<string, number>}[] = [];
  private nextFrame = 0;
  private nextSlo = 0;

  /** The world's onStep hook. */
  onStep(world: DemoWorld, t: number, dtMs: number): void {
    if (this.firstStep === undefined) this.begin(world, t - dtMs);
    this.counters.step(world, dtMs);
    if (t >= this.nextFrame) {
      this.record(allFamilies(world, this.counters), t);
      this.nextFrame = Math.floor(t / FRAME_MS) * FRAME_MS + FRAME_MS;
      this.trim(t);
    }
    if (t >= this.nextSlo) {
      this.slo5m.push({t, ratios: new Map(world.slos.map((s) => [s.def.id, s.window('5m')]))});
      this.nextSlo = Math.floor(t / SLO_STEP_MS) * SLO_STEP_MS + SLO_STEP_MS;
    }
  }

  /** Integrates the synthetic SLO history up to `start`, recording samples, so counters continue seamlessly. */
  private begin(world: DemoWorld, start: number): void {
    this.firstStep = start;
    this.segments = sloSegments(world, start);
    const from = start - RAW_HISTORY_MS;
    // Walk each SLO's segments with a cursor: the samples advance in time.
    const cursors = [...this.segments].map(([id, list]) => ({id, list: list.filter((g) => g.to > from), i: 0}));
    let at = from;
    while (at < start) {
      const next = Math.min(start, at + (start - at > FINE_SPAN_MS ? COARSE_MS : FINE_MS));
      for (const c of cursors) {
        for (; c.i < c.list.length; c.i++) {
          const g = c.list[c.i]!;
          const a = Math.max(at, g.from);
          const b = Math.min(next, g.to);
          if (b > a) this.counters.applySegment(c.id, g.ratio, (b - a) / 1000);
          if (g.to > next) break;
        }
      }
      at = next;
      this.record(counterFamilies(this.counters), at, isSloDriven);
    }
  }

  private record(families: readonly Family[], t: number, keep: (name: string, labels: Labels) => boolean = () => true): void {
    for (const f of families)
      for (const s of f.samples) {
        if (!keep(s.name, s.labels)) continue;
        const key = seriesKey(s.name, s.labels);
        let rec = this.series.get(key);
        if (!rec) {
          rec = {family: f.name, type: f.type, help: f.help, name: s.name, labels: s.labels, times: [], values: []};
          this.series.set(key, rec);
        }
        if ((rec.times[rec.times.length - 1] ?? -Infinity) >= t) continue;
        rec.times.push(t);
        rec.values.push(s.value);
      }
  }

  /** Drops simulated frames (never the synthetic history) older than KEEP_MS. */
  private trim(t: number): void {
    const first = this.firstStep ?? 0;
    const cutoff = t - KEEP_MS;
    if (cutoff <= first) return;
    for (const rec of this.series.values()) {
      const from = rec.times.findIndex((x) => x >= first);
      if (from < 0) continue;
      let to = from;
      while (to < rec.times.length && rec.times[to]! < cutoff) to++;
      rec.times.splice(from, to - from);
      rec.values.splice(from, to - from);
    }
    while ((this.slo5m[0]?.t ?? Infinity) < cutoff) this.slo5m.shift();
  }
}

/** True for the raw series an SLO's synthetic history drives. */
function isSloDriven(name: string, labels: Labels): boolean {
  const driven = (id: string, label: string | undefined) => label !== undefined && (SLO_DRIVERS[id]?.services ?? []).includes(label);
  if (name.startsWith('http_requests_received')) return driven('atp-availability', labels.service);
  if (name.startsWith('http_request_duration_seconds')) return driven('atp-ingestion-latency', labels.service) || driven('atp-query-latency', labels.service);
  if (name.startsWith('atp_projection_event_lag_seconds')) return driven('atp-projection-lag', labels.projection);
  return false;
}
