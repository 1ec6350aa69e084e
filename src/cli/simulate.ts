// `atp-cockpit simulate --listen HOST:PORT`: serves the demo ATP as Prometheus metrics and health endpoints.
import {systemClock} from '../data/clock.js';
import {Simulator} from '../data/simulator/simulator.js';
import {SIMULATOR_ROUTES, serveSimulator} from '../data/simulator/server.js';
import {UsageError, type Cli} from './args.js';
import type {CliIo} from './io.js';

/** Splits `HOST:PORT` (`[::1]:9464` for IPv6); port 0 picks a free port. */
export function parseListen(text: string): {host: string; port: number} {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(text);
  const port = Number(match?.[3]);
  if (!match || !Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`--listen must be HOST:PORT, e.g. 127.0.0.1:9464 (got "${text}")`);
  return {host: match[1] ?? match[2] ?? '127.0.0.1', port};
}

/** Runs the simulator until SIGINT, SIGTERM or SIGHUP. */
export async function simulateCommand(cli: Cli, io: CliIo): Promise<number> {
  const {host, port} = parseListen(cli.listen ?? '127.0.0.1:9464');
  const scenario = cli.scenario ?? 'calm';
  const seed = cli.seed ?? 1;
  const sim = new Simulator({scenario, seed, clock: systemClock()});
  const {server, url} = await serveSimulator(sim, host, port);
  // Keep the world moving between requests, so counters and history never lag behind the clock.
  const ticker = setInterval(() => sim.world.advance(), 1_000);
  io.out(`atp-cockpit simulate: scenario ${scenario}, seed ${seed}, listening on ${url}\n${SIMULATOR_ROUTES.map((r) => `  ${r}`).join('\n')}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    process.once('SIGHUP', stop);
  });
  clearInterval(ticker);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  return 0;
}
