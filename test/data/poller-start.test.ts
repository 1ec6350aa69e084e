// Regression: the cockpit primes every poller with pollOnce() and starts the session after at most 250 ms; a poller
// started while its priming read was still in flight must keep polling (found by the Prometheus tmux test, issue 4).
import {expect, it} from 'vitest';
import {ManualClock} from '../../src/data/clock.js';
import {Poller} from '../../src/data/poller.js';

it('a poller started while its priming read is in flight keeps polling', async () => {
  const clock = new ManualClock();
  let release: () => void = () => undefined;
  let reads = 0;
  const read = () => {
    reads++;
    return reads === 1 ? new Promise<number>((resolve) => (release = () => resolve(1))) : Promise.resolve(reads);
  };
  const poller = new Poller<number>({name: 'slow-first', intervalMs: 1000, timeoutMs: 5000, clock, read});
  const primed = poller.pollOnce();
  poller.start();
  release();
  await primed;
  for (let i = 0; i < 3; i++) {
    clock.advance(1000);
    await new Promise((resolve) => setImmediate(resolve));
  }
  expect(reads).toBeGreaterThanOrEqual(3);
  poller.stop();
});
