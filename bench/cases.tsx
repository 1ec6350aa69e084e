// Benchmark cases that run inside one process (see run.ts for the orchestration).
import {ManualClock, systemClock} from '../src/data/clock.js';
import {PANE_IDS} from '../src/data/readings/types.js';
import {settle, startHarness} from './harness.js';
import {createLogSource} from './log-source.js';
import {createScaleSource, type ScaleOptions} from './scale-source.js';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.floor((s.length - 1) / 2)] ?? 0) : 0;
};
export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0) : 0;
};

/** Demo-sized synthetic data: 8 services × 2 regions, 12 entities. */
export const DEMO_SHAPE: ScaleOptions = {services: 8, deployments: 8, regions: 2, entities: 12, change: 0.1};
/** The scale: 1,000 entities, 500 deployments in 3 regions, 50 services. */
export const BIG_SHAPE: ScaleOptions = {services: 50, deployments: 500, regions: 3, entities: 1000, change: 0.1};

/** Bytes per refresh with ~10 % of values changing, vs a full repaint of the same frame; and with nothing changed. */
export async function bytesPerRefresh(columns: number, rows: number, refreshes = 30) {
  const clock = new ManualClock();
  const h = await startHarness({columns, rows, clock, source: createScaleSource(DEMO_SHAPE), coalesceMs: 0});
  const step = async (ms: number) => {
    clock.advance(ms);
    await settle();
    h.screen.flush();
  };
  for (let i = 0; i < 5; i++) await step(1000);
  const diffs: number[] = [];
  const fulls: number[] = [];
  for (let i = 0; i < refreshes; i++) {
    const before = h.out.bytes;
    await step(1000);
    diffs.push(h.out.bytes - before);
    fulls.push(h.screen.measureFullRepaint());
  }
  // Nothing changed: every pane polled again within the same second, from a source whose values hold still.
  const still = createScaleSource({...DEMO_SHAPE, change: 0});
  const quiet = await startHarness({columns, rows, clock, source: still, coalesceMs: 0});
  for (let i = 0; i < 3; i++) await step(1000);
  quiet.screen.flush();
  const before = quiet.out.bytes;
  for (let i = 0; i < 10; i++) {
    for (const p of PANE_IDS) quiet.session.feeds[p].refresh();
    await settle();
    quiet.screen.flush();
  }
  const unchanged = quiet.out.bytes - before;
  await h.unmount();
  await quiet.unmount();
  const diff = median(diffs);
  const full = median(fulls);
  return {columns, rows, bytesPerRefresh: diff, fullRepaintBytes: full, ratio: diff / full, bytesWhenUnchanged: unchanged / 10};
}

/** CPU and frame-build time per refresh for a data shape (manual clock, so only the work of refreshing counts). */
export async function refreshCost(shape: ScaleOptions | undefined, columns = 120, rows = 40, refreshes = 100) {
  const clock = new ManualClock();
  const h = await startHarness({columns, rows, clock, source: shape ? createScaleSource(shape) : undefined, coalesceMs: 0});
  for (let i = 0; i < 5; i++) {
    clock.advance(1000);
    await settle();
    h.screen.flush();
  }
  const renderStart = h.renderTimes.length;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let peak = process.memoryUsage().rss;
  const allocations: number[] = [];
  const gc = (globalThis as {gc?: () => void}).gc;
  // BENCH_ALLOCPROF=FILE: a sampling allocation profile of the refreshes, freed objects included.
  const inspector = process.env.BENCH_ALLOCPROF ? new (await import('node:inspector/promises')).Session() : undefined;
  if (inspector) {
    inspector.connect();
    await inspector.post('HeapProfiler.startSampling', {
      samplingInterval: 4096,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
  }
  for (let i = 0; i < refreshes; i++) {
    if (process.env.BENCH_ALLOC && gc) gc();
    const heapBefore = process.memoryUsage().heapUsed;
    clock.advance(1000);
    await settle();
    h.screen.flush();
    allocations.push(process.memoryUsage().heapUsed - heapBefore);
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  if (inspector) {
    const {profile} = (await inspector.post('HeapProfiler.stopSampling')) as {profile: unknown};
    (await import('node:fs')).writeFileSync(process.env.BENCH_ALLOCPROF!, JSON.stringify(profile));
  }
  if (process.env.BENCH_ALLOC)
    process.stderr.write(`allocated per refresh (median, MB): ${(allocations.sort((a, b) => a - b)[allocations.length >> 1]! / 1_048_576).toFixed(2)}\n`);
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - t0;
  const mem = process.memoryUsage();
  if (process.env.BENCH_HEAP) (await import('node:v8')).writeHeapSnapshot(process.env.BENCH_HEAP);
  if (process.env.BENCH_MEM) {
    // Whole MB (>> 20), on one JSON line.
    const mb = {
      rss: mem.rss >> 20,
      heapTotal: mem.heapTotal >> 20,
      heapUsed: mem.heapUsed >> 20,
      external: mem.external >> 20,
      arrayBuffers: mem.arrayBuffers >> 20,
    };
    process.stderr.write(`${JSON.stringify(mb)}\n`);
  }
  const renders = h.renderTimes.slice(renderStart);
  await h.unmount();
  return {
    shape,
    cpuMsPerRefresh: (cpu.user + cpu.system) / 1000 / refreshes,
    wallMsPerRefresh: wall / refreshes,
    frameBuildMs: median(renders),
    rendersPerRefresh: renders.length / refreshes,
    peakRssMb: peak / 1_048_576,
  };
}

/** Key-to-frame latency for focus and move keys while every source refreshes every second (real clock). */
export async function keyLatency(shape: ScaleOptions, keys = 200, gapMs = 45) {
  const h = await startHarness({columns: 120, rows: 40, clock: systemClock(), source: createScaleSource(shape), refreshSeconds: 1});
  await settle(1500);
  // Every key changes the screen: moves within a pane of several rows, focus always to another pane.
  const sequence = ['j', 'k', 'j', 'k', '2', 'j', 'k', '3', 'j', 'k', '4', 'j', 'k', '5', 'j', 'k', '1', '\t', '\u001b[Z'];
  const latencies: number[] = [];
  let peak = process.memoryUsage().rss;
  for (let i = 0; i < keys; i++) {
    const writesBefore = h.out.times.length;
    const sent = performance.now();
    h.stdin.write(sequence[i % sequence.length]!);
    const deadline = sent + 1000;
    while (h.out.times.length === writesBefore && performance.now() < deadline) await new Promise((r) => setTimeout(r, 1));
    const first = h.out.times[writesBefore];
    if (first !== undefined) latencies.push(first - sent);
    peak = Math.max(peak, process.memoryUsage().rss);
    await new Promise((r) => setTimeout(r, gapMs));
  }
  await h.unmount();
  return {keys: latencies.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: Math.max(...latencies), peakRssMb: peak / 1_048_576};
}

/**
 * Issue 16: the log view following a pod that logs `rate` lines a second (the demo's panes refreshing every second
 * behind it), after `warmSeconds` so the 10,000-line ring is full and dropping. Key-to-frame for the scroll keys, and
 * the process's true peak RSS (maxRSS).
 */
export async function logFollow(rate = 1_000, keys = 300, warmSeconds = 15, gapMs = 45) {
  const h = await startHarness({columns: 120, rows: 40, clock: systemClock(), source: createLogSource(rate), refreshSeconds: 1});
  await settle(1500);
  for (const k of [':', ...'logs ingestion@us-east', '\r']) {
    h.stdin.write(k);
    await settle();
  }
  await settle(warmSeconds * 1000);
  // Scrolling back holds the view, G returns to the end: each key changes the screen.
  const sequence = ['k', 'k', 'k', 'j', '\u001b[6~', '\u001b[5~', 'g', 'G'];
  const latencies: number[] = [];
  for (let i = 0; i < keys; i++) {
    const writesBefore = h.out.times.length;
    const sent = performance.now();
    h.stdin.write(sequence[i % sequence.length]!);
    const deadline = sent + 1000;
    while (h.out.times.length === writesBefore && performance.now() < deadline) await new Promise((r) => setTimeout(r, 1));
    const first = h.out.times[writesBefore];
    if (first !== undefined) latencies.push(first - sent);
    await new Promise((r) => setTimeout(r, gapMs));
  }
  const frame = h.lastFrame();
  const mem = process.memoryUsage();
  if (process.env.BENCH_MEM)
    process.stderr.write(
      `${JSON.stringify({rss: mem.rss >> 20, heapTotal: mem.heapTotal >> 20, heapUsed: mem.heapUsed >> 20, external: mem.external >> 20})}\n`,
    );
  await h.unmount();
  const peakRssMb = (process.resourceUsage().maxRSS * 1024) / 1_048_576;
  return {
    rate,
    keys: latencies.length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: Math.max(...latencies),
    peakRssMb,
    kept: /([\d,]+) lines · [\d,]+ dropped/.exec(frame)?.[1],
    dropped: /([\d,]+) dropped/.exec(frame)?.[1],
  };
}

/** RSS and heap over a run with a real clock and a 1 s refresh. */
export async function soak(shape: ScaleOptions | undefined, seconds: number) {
  const h = await startHarness({columns: 120, rows: 40, clock: systemClock(), source: shape ? createScaleSource(shape) : undefined, refreshSeconds: 1});
  const samples: {t: number; rss: number; heap: number}[] = [];
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    await settle(2000);
    if (performance.now() - start > 10_000)
      samples.push({t: (performance.now() - start) / 1000, rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed});
  }
  const cpu = process.cpuUsage(cpu0);
  const cpuPercent = ((cpu.user + cpu.system) / 1000 / (performance.now() - start)) * 100;
  await h.unmount();
  const peakRssMb = (process.resourceUsage().maxRSS * 1024) / 1_048_576;
  const q = Math.max(1, Math.floor(samples.length / 4));
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const first = samples.slice(0, q);
  const last = samples.slice(-q);
  return {
    seconds,
    rssStartMb: avg(first.map((s) => s.rss)) / 1_048_576,
    rssEndMb: avg(last.map((s) => s.rss)) / 1_048_576,
    rssGrowth: avg(last.map((s) => s.rss)) / avg(first.map((s) => s.rss)) - 1,
    heapStartMb: avg(first.map((s) => s.heap)) / 1_048_576,
    heapEndMb: avg(last.map((s) => s.heap)) / 1_048_576,
    heapGrowth: avg(last.map((s) => s.heap)) / avg(first.map((s) => s.heap)) - 1,
    peakRssMb,
    cpuPercent,
  };
}
