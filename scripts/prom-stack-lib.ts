// Helpers for prom-stack.ts: processes, ports, HTTP polling, and the Prometheus configuration it writes.
import {execFile, spawn} from 'node:child_process';
import {createWriteStream, openSync, closeSync} from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import {promisify} from 'node:util';

/** execFile as a promise (argument arrays, never a shell string). */
export const run = promisify(execFile);

/** What `start` records in DIR/stack.json (and, as KEY=VALUE lines, in DIR/stack.env). */
export interface StackState {
  readonly dir: string;
  readonly scenario: string;
  readonly seed: number;
  readonly simUrl: string;
  readonly simPid: number;
  readonly promUrl: string;
  readonly promPort: number;
  promPid: number;
  readonly scrapeSeconds: number;
  readonly evalSeconds: number;
}

/** KEY=VALUE lines for shells and tests. */
export function envLines(s: StackState): string {
  return [
    `ATP_STACK_DIR=${s.dir}`,
    `ATP_SCENARIO=${s.scenario}`,
    `ATP_SEED=${s.seed}`,
    `ATP_SIM_URL=${s.simUrl}`,
    `ATP_SIM_PID=${s.simPid}`,
    `ATP_PROM_URL=${s.promUrl}`,
    `ATP_PROM_PID=${s.promPid}`,
  ].join('\n');
}

/** Starts a long-lived process detached from us, its output appended to `log`. */
export function daemon(command: string, args: readonly string[], log: string, cwd: string): number {
  const fd = openSync(log, 'a');
  const child = spawn(command, [...args], {cwd, detached: true, stdio: ['ignore', fd, fd]});
  closeSync(fd);
  child.unref();
  if (child.pid === undefined) throw new Error(`could not start ${command}`);
  return child.pid;
}

/** Whether a process still exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls `check` every 100 ms until it returns a value, or throws after `ms` with `what` in the message. */
export async function waitFor<T>(what: string, ms: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${ms / 1000}s waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
export async function terminate(pid: number, graceMs = 5_000): Promise<void> {
  if (!alive(pid)) return;
  process.kill(pid, 'SIGTERM');
  try {
    await waitFor(`pid ${pid} to exit`, graceMs, async () => (alive(pid) ? undefined : true));
  } catch {
    if (alive(pid)) process.kill(pid, 'SIGKILL');
    await waitFor(`pid ${pid} to die`, 2_000, async () => (alive(pid) ? undefined : true));
  }
}

/** A free loopback port (bound then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/** GET `url`; resolves with status and body text. */
export function get(url: string, timeoutMs = 3_000): Promise<{status: number; body: string}> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, {timeout: timeoutMs}, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({status: res.statusCode ?? 0, body}));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url}`)));
    req.on('error', reject);
  });
}

/** Streams a GET response body into `file`. */
export function download(url: string, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`${url}: HTTP ${res.statusCode}`));
        const out = createWriteStream(file);
        res.pipe(out);
        out.on('finish', () => resolve());
        out.on('error', reject);
      })
      .on('error', reject);
  });
}

/** The temporary Prometheus configuration: scrape the simulator, load the shipped rules. */
export function prometheusConfig(simHostPort: string, ruleFiles: readonly string[], scrapeSeconds: number, evalSeconds: number): string {
  return [
    'global:',
    `  scrape_interval: ${scrapeSeconds}s`,
    `  scrape_timeout: ${Math.max(1, scrapeSeconds - 1)}s`,
    `  evaluation_interval: ${evalSeconds}s`,
    'rule_files:',
    ...ruleFiles.map((f) => `  - ${JSON.stringify(f)}`),
    'scrape_configs:',
    '  - job_name: atp',
    // The simulator stands in for node-exporter and blackbox-exporter too: their series carry their own `instance`
    // (the node, the probed endpoint), which Prometheus keeps only with honor_labels.
    '    honor_labels: true',
    '    static_configs:',
    `      - targets: [${JSON.stringify(simHostPort)}]`,
    '',
  ].join('\n');
}
