// `npm run soak -- [--seconds 60] [--seed 1] [--refresh 2]`: the cockpit in a real terminal (tmux) against the
// simulator and a real Prometheus behind fault-injecting proxies. Faults come at random: timeouts, 500s, garbage
// bodies, connection resets, slow-drip responses, and Prometheus itself stopping and starting again.
// It checks that the cockpit never exits, that every pane recovers within one refresh interval after its fault
// clears, and that memory and open handles stay flat; then it prints the counts. Exit code 1 on any failure.
// Issue 15 adds a Kubernetes API double to the health pane and a watch-stall episode: the open watches go silent
// (connection open, nothing arrives, no FIN) and new ones hang; the pane must say STALE within its stale limit.
import {execFile} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {promisify} from 'node:util';
import {prng} from '../../src/data/demo/random.js';
import {Tmux} from '../../test/e2e/tmux.js';
import {startKubeApiDouble} from '../../test/doubles/kube-api/index.js';
import {seedAtp} from '../../test/doubles/kube-api/seed.js';
import {FAULTS, startFaultProxy, type Fault} from './fault-proxy.js';
import {healthUnknown, staleByPane, type PaneName} from './screen-state.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SECONDS = opt('seconds', 60);
// `--warmup N`: N seconds of the same faults before the memory comparison starts (their RSS samples are left out).
// RSS climbs for about 150 s while caches fill and the fault paths first run; a short run that starts measuring at
// once measures that climb (docs/testing.md, "Fault soak").
const WARMUP = opt('warmup', 0);
// `--heap-snapshots DIR`: V8 heap snapshots of the cockpit at the warm mark and at the end, for finding what grew
// (compare them in Chrome DevTools, Memory, "Comparison"). Writing one pauses the cockpit and swells its RSS for a
// moment, so a run with snapshots says so and its RSS figures are not the memory check.
const SNAPSHOTS = args.includes('--heap-snapshots') ? resolve(args[args.indexOf('--heap-snapshots') + 1] ?? '.') : undefined;
const REFRESH = opt('refresh', 2);
const random = prng(opt('seed', 1));
const SLACK_MS = 1_000;
const ALL: PaneName[] = ['health', 'lag', 'dlq', 'outbox', 'burn'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (line: string) => process.stdout.write(`soak: ${line}\n`);

function procStat(pid: number): {rssKb: number; peakKb: number; fds: number} {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return {rssKb: kb('VmRSS'), peakKb: kb('VmHWM'), fds: readdirSync(`/proc/${pid}/fd`).length};
}

/** Asks the cockpit for a heap snapshot (SIGUSR2, --heapsnapshot-signal) and waits until the file is written. */
async function heapSnapshot(pid: number, label: string): Promise<void> {
  const dir = SNAPSHOTS ?? '';
  const known = new Set(readdirSync(dir));
  process.kill(pid, 'SIGUSR2');
  for (let waited = 0; waited < 120_000; waited += 500) {
    await sleep(500);
    const file = readdirSync(dir).find((f) => !known.has(f) && f.endsWith('.heapsnapshot'));
    // The file appears at once and is written for seconds: done when its size holds still.
    if (file && (await stableSize(join(dir, file)))) {
      log(`heap snapshot (${label}): ${join(dir, file)}`);
      return;
    }
  }
  log(`heap snapshot (${label}): none written within 120 s`);
}

async function stableSize(file: string): Promise<boolean> {
  const size = statSync(file).size;
  await sleep(1_000);
  return size > 0 && statSync(file).size === size;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? 0;

async function stack(command: string, ...rest: string[]): Promise<Record<string, string>> {
  const {stdout} = await run(join(ROOT, 'scripts/prom-stack.sh'), [command, ...rest], {maxBuffer: 1 << 24});
  return Object.fromEntries(
    stdout
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

async function main(): Promise<number> {
  const env = await stack('start', '--scenario', 'calm');
  const dir = env.ATP_STACK_DIR ?? '';
  const prom = await startFaultProxy(env.ATP_PROM_URL ?? '');
  const health = await startFaultProxy(env.ATP_SIM_URL ?? '');
  const work = mkdtempSync(join(tmpdir(), 'atp-soak-'));
  const kube = await startKubeApiDouble({rolloutStepMs: 50, bookmarkIntervalMs: 500});
  seedAtp(kube, {services: ['query', 'search'], helm: false, flux: false, cronjobs: false});
  const kubeconfig = kube.kubeconfigPath(work);
  const config = join(work, 'config.json');
  writeFileSync(
    config,
    JSON.stringify({
      contexts: {
        soak: {
          environment: 'soak',
          regions: ['us-east', 'eu-west'],
          refresh: REFRESH,
          panes: {health: ['prometheus', 'health', 'k8s'], lag: 'prometheus', dlq: 'prometheus', outbox: 'prometheus', burn: 'prometheus'},
          sources: {
            prometheus: {url: prom.url, timeout: 1.5},
            health: {urlTemplate: `${health.url}/health/{service}/{region}`, timeout: 1.5, live: false},
            k8s: {kind: 'kubernetes', kubeconfig, services: ['query', 'search'], reconnect: {minSeconds: 0.2, maxSeconds: 1}},
          },
        },
      },
    }),
  );
  const term = new Tmux();
  const failures: string[] = [];
  const injected: Record<string, number> = {};
  let recoveries = 0;
  let worstMs = 0;
  let worstStallNoticeMs = 0;
  // The pane's stale limit (3 refresh intervals, src/data/config/context.ts) bounds how long a silent watch may go unseen.
  const STALE_LIMIT_MS = Math.max(3_000, REFRESH * 3_000);
  try {
    await term.start([join(ROOT, 'bin/atp-cockpit'), '--config', config, '--context', 'soak'], {
      columns: 160,
      rows: 45,
      env: {
        ATP_COCKPIT_JOURNAL: join(work, 'journal.jsonl'),
        ...(SNAPSHOTS ? {ATP_COCKPIT_NODE_FLAGS: `--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${SNAPSHOTS}`} : {}),
      },
    });
    await term.waitFor((s) => {
      const st = staleByPane(s);
      return ALL.every((p) => st[p] === false);
    }, 60_000);
    const pid = await term.programPid();
    await sleep(8_000);
    if (SNAPSHOTS) await heapSnapshot(pid, 'warm');
    const before = procStat(pid);
    log(`warm: pid ${pid}, RSS ${(before.rssKb / 1024).toFixed(1)} MB, ${before.fds} open fds`);
    // RSS once a second: growth compares the median of the first quarter with that of the last, so a
    // moment's spike (a garbage body being parsed) is not taken for memory that stays.
    const rss: number[] = [];
    const fds: number[] = [];
    const sampler = setInterval(() => {
      const s = procStat(pid);
      rss.push(s.rssKb);
      fds.push(s.fds);
    }, 1000);
    const start = Date.now();
    let episode = 0;
    while (Date.now() - start < (WARMUP + SECONDS) * 1000) {
      // One episode: a fault on Prometheus (all panes), on the health endpoints (health pane), or Prometheus down.
      const roll = random();
      // The second episode is always a watch stall, so even a short soak has one.
      if (roll >= 0.85 || ++episode === 2) {
        injected['kubernetes:watch-stall'] = (injected['kubernetes:watch-stall'] ?? 0) + 1;
        const isWatch = (q: {query: Record<string, string>}) => q.query['watch'] === 'true';
        kube.faults.hangNext(100_000, {match: isWatch});
        kube.faults.silenceWatches();
        const silencedAt = Date.now();
        let noticeMs: number | undefined;
        while (noticeMs === undefined && Date.now() - silencedAt < STALE_LIMIT_MS + REFRESH * 1000 + SLACK_MS + 5_000) {
          if (staleByPane(await term.screen()).health) noticeMs = Date.now() - silencedAt;
          else await sleep(100);
        }
        if (noticeMs === undefined || noticeMs > STALE_LIMIT_MS + REFRESH * 1000 + SLACK_MS) {
          const when = noticeMs === undefined ? 'never' : `only after ${noticeMs} ms`;
          failures.push(`kubernetes:watch-stall: the health pane ${when} said STALE (stale limit ${STALE_LIMIT_MS} ms)`);
        }
        worstStallNoticeMs = Math.max(worstStallNoticeMs, noticeMs ?? 0);
        kube.faults.clear();
        const cleared = Date.now();
        while (staleByPane(await term.screen()).health && Date.now() - cleared < 30_000) await sleep(100);
        const ms = Date.now() - cleared;
        recoveries++;
        worstMs = Math.max(worstMs, ms);
        // The watch retry waits its backoff (at most 1 s here), then the next poll (one refresh) waits for the resumed
        // watch to settle (up to one more refresh) before it succeeds.
        if (ms > 2 * REFRESH * 1000 + SLACK_MS)
          failures.push(`kubernetes:watch-stall: health recovered after ${ms} ms (limit ${2 * REFRESH * 1000 + SLACK_MS} ms)`);
        await sleep(500 + random() * 1500);
        continue;
      }
      const where = roll < 0.5 ? 'prometheus' : roll < 0.75 ? 'health' : 'prometheus-down';
      const fault: Fault | 'stopped' = where === 'prometheus-down' ? 'stopped' : (FAULTS[Math.floor(random() * FAULTS.length)] ?? 'http-500');
      const affected: PaneName[] = where === 'health' ? ['health'] : ALL;
      const label = `${where}:${fault}`;
      injected[label] = (injected[label] ?? 0) + 1;
      if (where === 'prometheus-down') await stack('stop-prometheus', '--dir', dir);
      else (where === 'health' ? health : prom).fault = fault as Fault;
      const hold = 2 * REFRESH * 1000 + random() * 3000;
      await sleep(hold);
      // Prometheus faults make panes STALE (last good values kept); a failing health endpoint makes its rows Unknown.
      const shown = (screen: string): Set<PaneName> => {
        const st = staleByPane(screen);
        const out = new Set(affected.filter((p) => st[p]));
        if (where === 'health' && healthUnknown(screen)) out.add('health');
        return out;
      };
      const noticed = [...shown(await term.screen())];
      if (noticed.length === 0) failures.push(`${label}: the fault never showed (no stale pane, no Unknown rows) after ${(hold / 1000).toFixed(1)}s`);
      if (where === 'prometheus-down') {
        await stack('start-prometheus', '--dir', dir);
      } else (where === 'health' ? health : prom).fault = undefined;
      const cleared = Date.now();
      const pending = new Set(noticed);
      while (pending.size > 0 && Date.now() - cleared < 30_000) {
        const screen = await term.screen();
        if (screen.includes('[exited')) throw new Error(`the cockpit exited during ${label}:\n${screen}`);
        const still = shown(screen);
        for (const p of [...pending]) {
          if (!still.has(p)) {
            const ms = Date.now() - cleared;
            recoveries++;
            worstMs = Math.max(worstMs, ms);
            if (ms > REFRESH * 1000 + SLACK_MS) failures.push(`${label}: ${p} recovered after ${ms} ms (limit ${REFRESH * 1000} ms + ${SLACK_MS} ms slack)`);
            pending.delete(p);
          }
        }
        await sleep(100);
      }
      for (const p of pending) failures.push(`${label}: ${p} did not recover within 30 s`);
      await sleep(500 + random() * 1500);
    }
    await sleep(3_000);
    clearInterval(sampler);
    if (SNAPSHOTS) await heapSnapshot(pid, 'end');
    const after = procStat(pid);
    const measured = rss.slice(Math.min(WARMUP, rss.length - 1));
    const quarter = Math.max(1, Math.floor(measured.length / 4));
    const [first, last] = [median(measured.slice(0, quarter)), median(measured.slice(-quarter))];
    const rssGrowth = last / first - 1;
    // A short run measures warm-up as much as growth: with the Kubernetes double in the health pane, RSS climbs for
    // about a minute while the client's caches fill and the fault paths first run (45 s runs: +9 to +19%), then stays
    // flat (300 s, seed 3: 243.2 -> 239.6 MB, -1.5%). Runs of 300 s or more are the memory check, held to 5%.
    // Since the paging, team, detail and log feeds and the alert record joined, RSS climbs for about 150 s: 45 s runs
    // read +16 to +25%, a 180 s run +15.1%, and a 600 s run +1.9% (256.0 -> 260.9 MB; heap snapshots: only Ink's
    // bounded text caches grew). So the short run's warm-up limit is 30%; docs/testing.md, "Fault soak".
    const limit = SECONDS >= 300 ? 0.05 : 0.3;
    const mb = (kb: number) => (kb / 1024).toFixed(1);
    const growth = `${(rssGrowth * 100).toFixed(1)}%, medians of the first and last quarter`;
    // Open files held, not open at one instant: the fewest open over the last 10 s. A leaked socket stays open through
    // them all; a request in flight when the run ends does not (a 45 s CI run once read 46 -> 52 at its last instant,
    // where 600 s runs with 14 watch stalls end at +2).
    const held = Math.min(...fds.slice(-10), after.fds);
    log(
      `end: RSS ${mb(first)} → ${mb(last)} MB (${growth}), peak ${mb(after.peakKb)} MB, ` +
        `${held} open fds held over the last 10 s (${after.fds} at the end; was ${before.fds})`,
    );
    if (rssGrowth > limit) failures.push(`RSS grew ${(rssGrowth * 100).toFixed(1)}% (limit ${limit * 100}% for a ${SECONDS} s run)`);
    if (held > before.fds + 4) failures.push(`open fds grew from ${before.fds} to ${held} (held over the last 10 s)`);
    if ((await term.screen()).includes('[exited')) failures.push('the cockpit exited');
    const total = Object.values(injected).reduce((a, b) => a + b, 0);
    log(
      `fault episodes: ${total} (${Object.entries(injected)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')})`,
    );
    log(`requests answered with a fault: Prometheus ${JSON.stringify(prom.injected)}, health ${JSON.stringify(health.injected)}`);
    log(`recoveries: ${recoveries}, worst recovery ${worstMs} ms (refresh ${REFRESH} s)`);
    log(`watch stalls: worst time until the health pane said STALE ${worstStallNoticeMs} ms (stale limit ${STALE_LIMIT_MS} ms)`);
  } finally {
    await term.stop();
    await prom.close();
    await health.close();
    await kube.close();
    await stack('stop', '--dir', dir).catch(() => undefined);
    rmSync(work, {recursive: true, force: true});
  }
  for (const f of failures) log(`FAIL ${f}`);
  log(failures.length ? `FAILED (${failures.length})` : 'OK');
  return failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`soak: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
