// Start-up tracing for the benchmark: with ATP_COCKPIT_TRACE=FILE, named moments (ms since process start) are appended.
import {appendFileSync} from 'node:fs';

const file = process.env.ATP_COCKPIT_TRACE;

/** Records that `what` happened now (no-op unless tracing). */
export function trace(what: string): void {
  if (file) appendFileSync(file, `${performance.now().toFixed(1)} ${what}\n`);
}
