// `npm run bench -- --side-by-side=A,B,...`: idle CPU of variants running at the same time, each in its own tmux
// server, so that they share whatever load the machine has. Runs one after another (`--compare`) see the load change
// between them, and the idle difference a drop-in makes (a few tenths of a percent) is smaller than that change.
// A second copy of the first variant runs beside them as a control: the spread between the two copies is the noise.
// Contract: prepared variants in, a table of per-window CPU percentages and their medians out; no file is written.
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {loadavg, tmpdir} from 'node:os';
import {join} from 'node:path';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const tmux = (socket, ...args) => execFileSync('tmux', ['-L', socket, ...args], {stdio: ['ignore', 'pipe', 'ignore']}).toString();
// utime + stime (fields 14 and 15 of /proc/PID/stat, after the command name in parentheses), in clock ticks.
const ticks = (pid) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
};
// Linux reports CPU time in USER_HZ, 100 on every architecture Node ships for.
const TICKS_PER_SECOND = 100;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/**
 * Starts every variant (and a control copy of the first) on the calm demo at 120x40 with a 1 s refresh, warms up,
 * then measures `windows` windows of `seconds` each. Returns the table's text.
 */
export async function sideBySide(prepared, {warmupSeconds = 25, windows = 10, seconds = 40} = {}) {
  const runs = [{...prepared[0], label: `${prepared[0].name} (control)`}, ...prepared.map((v) => ({...v, label: v.name}))];
  const work = mkdtempSync(join(tmpdir(), 'atp-side-by-side-'));
  const sockets = runs.map((_, i) => `atp-side-by-side-${process.pid}-${i}`);
  try {
    runs.forEach((v, i) => {
      const journal = join(work, `journal-${i}.jsonl`);
      const argv = [join(v.dir, 'bin/atp-cockpit'), '--demo', 'calm', '--refresh', '1', '--journal', journal];
      tmux(sockets[i], 'new-session', '-d', '-s', 'bench', '-x', '120', '-y', '40', 'env', 'TERM=xterm-256color', ...argv);
    });
    await sleep(warmupSeconds * 1000);
    // The pane's process is the launcher, which exec()s Node: its pid is the cockpit's.
    const pids = sockets.map((s) => Number(tmux(s, 'display-message', '-p', '-t', 'bench', '#{pane_pid}').trim()));
    const rows = [];
    for (let w = 0; w < windows; w++) {
      const before = pids.map(ticks);
      await sleep(seconds * 1000);
      const load = loadavg()[0].toFixed(2);
      rows.push({load, cpu: pids.map((pid, i) => ((ticks(pid) - before[i]) / TICKS_PER_SECOND / seconds) * 100)});
      process.stderr.write(`bench: side by side, window ${w + 1}/${windows}, load ${load}\n`);
    }
    const head = ['window', 'load', ...runs.map((r) => r.label)];
    const body = rows.map((r, w) => [String(w + 1), r.load, ...r.cpu.map((c) => c.toFixed(2))]);
    const medians = ['median', '', ...runs.map((_, i) => median(rows.map((r) => r.cpu[i])).toFixed(2))];
    const table = [head, ...body, medians];
    const widths = head.map((_, c) => Math.max(...table.map((row) => row[c].length)));
    const title = `idle CPU % of a core, calm demo, 1 s refresh, 120x40, after ${warmupSeconds} s, ${windows} windows of ${seconds} s`;
    return `\n${title}\n${table.map((row) => row.map((cell, c) => (c ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ')).join('\n')}\n`;
  } finally {
    for (const s of sockets) {
      try {
        tmux(s, 'kill-server');
      } catch {
        // Already gone: the cockpit exited, which the table's missing windows would show.
      }
    }
    rmSync(work, {recursive: true, force: true});
  }
}
