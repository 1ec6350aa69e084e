// `atp-cockpit simulate --listen HOST:PORT`: serves the demo ATP as Prometheus metrics and health endpoints.
import type {Cli} from './args.js';

export async function simulateCommand(_cli: Cli): Promise<number> {
  process.stderr.write('atp-cockpit simulate: not available in this build yet (tracked in issue 4)\n');
  return 69;
}
