// `npm run bench`: builds the app as shipped, then the app and the benchmark as a variant, and runs bench/run.ts on it.
//   --no-drop-ins      every drop-in and start-up deferral off (what Ink and React do on their own)
//   --no-NAME          one off (NAME: see SWITCHES below; e.g. --no-output, --no-skip-idle-commits)
//   --compare          one run over every variant (all on, all off, each one off), target cases only, printed side
//                      by side: what each drop-in gains on each target, measured under the same machine load.
//   --compare=A,B,...  the same over chosen variants: all, none, no-NAME, or NAMEs joined by + (no-output+no-string-width);
//                      an experiment (EXPERIMENTS in scripts/bundle-options.mjs) is turned on by its bare name
//                      (no-skip-idle-commits+quiet-store)
//   --side-by-side=A,B idle CPU only, the chosen variants running at the same time beside a control copy of A, so they
//                      share the machine's load (scripts/bench/side-by-side.mjs); for differences of tenths of a percent
// Other arguments go to bench/run.ts (--runs, --idle-warmup, --steady-seconds, --soak-seconds).
import {execFileSync} from 'node:child_process';
import {copyFileSync, mkdirSync, readFileSync, rmSync, symlinkSync} from 'node:fs';
import {loadavg} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {buildApp} from './build-app.mjs';
import {buildBench} from './build-bench.mjs';
import {sideBySide} from './bench/side-by-side.mjs';
import {EXPERIMENTS} from './bundle-options.mjs';
import {DROP_INS} from './drop-ins.mjs';
import {STARTUP_SWITCHES} from './startup.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SWITCHES = [...Object.keys(DROP_INS), ...STARTUP_SWITCHES];

const args = process.argv.slice(2);
const ours = (a) =>
  a === '--compare' ||
  a.startsWith('--compare=') ||
  a.startsWith('--side-by-side=') ||
  a === '--no-drop-ins' ||
  (a.startsWith('--no-') && SWITCHES.includes(a.slice(5)));
const unknown = args.filter((a) => a.startsWith('--no-') && !ours(a));
if (unknown.length) {
  process.stderr.write(`bench: unknown switch ${unknown.join(' ')}; known: --no-drop-ins ${SWITCHES.map((s) => `--no-${s}`).join(' ')}\n`);
  process.exit(2);
}
const rest = args.filter((a) => !ours(a));

/** A variant's name and the switches it turns off. */
const variant = (name, off, on = []) => ({name, off: new Set(off), on: new Set(on)});
const chosen = args.includes('--no-drop-ins') ? SWITCHES : SWITCHES.filter((s) => args.includes(`--no-${s}`));
/** A variant by name: all, none, or no-NAME joined by +. */
const named = (name) => {
  if (name === 'all') return variant(name, []);
  if (name === 'none') return variant(name, SWITCHES);
  const parts = name.split('+');
  const on = parts.filter((part) => EXPERIMENTS.includes(part));
  const off = parts.filter((part) => !on.includes(part)).map((part) => part.replace(/^no-/, ''));
  const wrong = off.filter((s) => !SWITCHES.includes(s));
  if (wrong.length) throw new Error(`bench: unknown variant part ${wrong.join(', ')} (known: ${SWITCHES.join(', ')}; experiments: ${EXPERIMENTS.join(', ')})`);
  return variant(name, off, on);
};
const listed = args.find((a) => a.startsWith('--compare=') || a.startsWith('--side-by-side='));
const variants = listed
  ? listed
      .slice(listed.indexOf('=') + 1)
      .split(',')
      .map(named)
  : args.includes('--compare')
    ? [variant('all', []), variant('none', SWITCHES), ...SWITCHES.map((s) => variant(`no-${s}`, [s]))]
    : [variant(chosen.length === SWITCHES.length ? 'none' : chosen.length ? chosen.map((s) => `no-${s}`).join('+') : 'all', chosen)];

/** The app and the bench bundle of one variant, with a launcher of its own (dist/ beside it, as in the repo). */
async function prepare(v) {
  const dir = join(ROOT, '.tmp/bench-variants', v.name);
  rmSync(dir, {recursive: true, force: true});
  mkdirSync(join(dir, 'bin'), {recursive: true});
  copyFileSync(join(ROOT, 'bin/atp-cockpit'), join(dir, 'bin/atp-cockpit'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  await buildApp(join(dir, 'dist'), v.off, v.on);
  await buildBench(join(dir, 'bench'), v.off, v.on);
  return {...v, dir};
}

// The shipped build first: the build fails here when a drop-in does not resolve or a version drifted.
execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], {stdio: 'inherit'});
// Then the single executable, whose first frame the bench sets beside the launcher's (the build empties dist/ first).
execFileSync(process.execPath, [join(ROOT, 'scripts/package.mjs')], {stdio: 'inherit'});
const prepared = [];
for (const v of variants) prepared.push(await prepare(v));
if (listed?.startsWith('--side-by-side=')) {
  process.stdout.write(await sideBySide(prepared));
  process.exit(0);
}

const results = [];
for (const v of prepared) {
  process.stderr.write(
    `\nbench: variant ${v.name} (off: ${[...v.off].join(', ') || 'none'}${v.on.size ? `; on: ${[...v.on].join(', ')}` : ''}); load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n`,
  );
  const out = join(ROOT, 'bench/results', prepared.length > 1 ? `compare-${v.name}.json` : 'latest.json');
  const runArgs = ['--launcher', join(v.dir, 'bin/atp-cockpit'), '--child', join(v.dir, 'bench/child.js'), '--out', out, '--variant', v.name];
  if (prepared.length > 1) runArgs.push('--targets-only', '--runs', '5', '--idle-warmup', '20', '--steady-seconds', '15');
  execFileSync(process.execPath, [join(v.dir, 'bench/run.js'), ...runArgs, ...rest], {stdio: 'inherit', cwd: ROOT});
  results.push({name: v.name, report: JSON.parse(readFileSync(out, 'utf8'))});
}

if (results.length > 1) {
  const fig = (r) => {
    const scale = r.scale?.find((s) => s.entities === 1000) ?? {};
    return [
      ['bytes/refresh 120x40, % of full (≤10)', r.bytes120x40?.ratio * 100, 1],
      ['bytes/refresh 250x70, % of full (≤10)', r.bytes250x70?.ratio * 100, 1],
      ['bytes when unchanged (0)', (r.bytes120x40?.bytesWhenUnchanged ?? NaN) + (r.bytes250x70?.bytesWhenUnchanged ?? NaN), 0],
      ['first frame, x bare node (≤6)', r.firstFrame?.ratio, 2],
      ['idle CPU % (<1)', r.idle?.cpuPercent, 2],
      ['key p99 ms at scale (<50)', r.keys?.p99, 1],
      ['peak RSS MB at 1000 (<150)', scale.peakRssMb, 0],
      ['CPU ms/refresh, calm demo', r.idle?.inProcessCalmDemo?.cpuMsPerRefresh, 2],
      ['CPU ms/refresh, 10% changed', r.idle?.inProcessTenPercentChange?.cpuMsPerRefresh, 2],
      ['frame build ms at 1000', scale.frameBuildMs, 2],
    ];
  };
  const table = [['figure', ...results.map((r) => r.name)]];
  const first = fig(results[0].report);
  first.forEach(([label], i) =>
    table.push([
      label,
      ...results.map((r) => {
        const [, value, digits] = fig(r.report)[i];
        return Number.isFinite(value) ? value.toFixed(digits) : '—';
      }),
    ]),
  );
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
  process.stdout.write(`\n${table.map((row) => row.map((cell, c) => (c ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ')).join('\n')}\n`);
}
