// Regenerates docs/screens/: every demo scenario at 80x24, 120x40 and 250x70, as the text a person sees.
// Runs the built launcher (`npm run build` first) in a real terminal (tmux), one terminal per scenario, resized.
// Usage: node scripts/screens.mjs [SCENARIO...]
import {execFileSync} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';

const SCENARIOS = ['calm', 'bad-deploy', 'projection-stall', 'dlq-storm', 'region-outage', 'tamper'];
const SIZES = [
  [80, 24],
  [120, 40],
  [250, 70],
];
const OUT = join(process.cwd(), 'docs/screens');
const LAUNCHER = join(process.cwd(), 'bin/atp-cockpit');
const socket = `atp-screens-${process.pid}`;
const tmux = (...args) =>
  execFileSync('tmux', ['-L', socket, ...args], {encoding: 'utf8', env: {...process.env, TMUX: ''}, stdio: ['ignore', 'pipe', 'ignore']});
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the screen is painted at `columns` (a pane's title rule reaches the edge) and has stopped changing. */
async function settled(session, columns) {
  let last = '';
  for (let i = 0; i < 100; i++) {
    await sleep(150);
    const screen = tmux('capture-pane', '-p', '-t', session);
    const wide = screen.split('\n').some((l) => l.includes('Error-budget burn') && l.trimEnd().length >= columns - 2);
    // The clock ticks every second: compare without it.
    const stable = screen.replace(/\d\d:\d\d:\d\dZ/g, '');
    if (wide && stable === last) return screen;
    last = stable;
  }
  throw new Error(`screen of ${session} did not settle`);
}

const scenarios = process.argv.slice(2).length ? process.argv.slice(2) : SCENARIOS;
mkdirSync(OUT, {recursive: true});
try {
  for (const scenario of scenarios) {
    const [columns, rows] = SIZES[0];
    // A fixed seed, so the screens change only when the code does (the clock still moves).
    tmux(
      'new-session',
      '-d',
      '-s',
      scenario,
      '-x',
      String(columns),
      '-y',
      String(rows),
      'env',
      '-u',
      'CI',
      'TERM=xterm-256color',
      LAUNCHER,
      '--demo',
      scenario,
      '--seed',
      '7',
    );
    for (const [c, r] of SIZES) {
      tmux('resize-window', '-t', scenario, '-x', String(c), '-y', String(r));
      const screen = await settled(scenario, c);
      const file = join(OUT, `${scenario}-${c}x${r}.txt`);
      writeFileSync(
        file,
        `${screen
          .split('\n')
          .map((l) => l.trimEnd())
          .join('\n')
          .trimEnd()}\n`,
      );
      process.stdout.write(`${file}\n`);
    }
    tmux('kill-session', '-t', scenario);
  }
} finally {
  try {
    tmux('kill-server');
  } catch {
    // Already gone.
  }
}
