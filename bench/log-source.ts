// A source for the log bench: the embedded demo, whose pods log `rate` lines a second (in chunks every 10 ms, as a
// busy container's stream arrives), each line about as long as a structured ATP log line.
import {systemClock, type Clock} from '../src/data/clock.js';
import {createDemoSource} from '../src/data/demo/source.js';
import type {Loggable, Source} from '../src/data/sources/types.js';
import {LogTailBuffer} from '../src/data/text/log-tail.js';

const CHUNK_MS = 10;

/** The demo with a Loggable that follows at `rate` lines a second until stopped. */
export function createLogSource(rate: number, clock: Clock = systemClock()): Source {
  const demo = createDemoSource({scenario: 'calm', seed: 1, clock});
  const inner = demo.capabilities.logs!;
  let n = 0;
  const line = () =>
    `${new Date(clock.now()).toISOString()} info: Atp.Ingestion.AppendHandler[0] Appended batch tenant=t-${String(n % 97).padStart(4, '0')} ` +
    `events=${50 + (n % 200)} durationMs=${12 + (n++ % 40)} correlationId=${((n * 2654435761) >>> 0).toString(16)}`;
  const logs: Loggable = {
    targets: inner.targets.bind(inner),
    command: inner.command.bind(inner),
    tail(_ref, request, signal) {
      let timer: ReturnType<Clock['setTimeout']> | undefined;
      const tail = new LogTailBuffer(request.maxLines, request.filter, () => timer && clock.clearTimeout(timer));
      let carry = 0;
      const tick = () => {
        if (signal.aborted) return;
        carry += (rate * CHUNK_MS) / 1000;
        const lines: string[] = [];
        for (; carry >= 1; carry--) lines.push(line());
        if (lines.length) tail.feed(`${lines.join('\n')}\n`);
        if (request.follow) timer = clock.setTimeout(tick, CHUNK_MS);
        else tail.end({reason: 'eof'});
      };
      signal.addEventListener('abort', () => tail.stop(), {once: true});
      tick();
      return tail;
    },
  };
  return {...demo, capabilities: {...demo.capabilities, logs}, read: demo.read.bind(demo)};
}
