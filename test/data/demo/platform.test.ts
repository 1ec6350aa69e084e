// The demo's tamper signal: the verifier runs once a minute and fails again on the broken segment, so the reading
// (failures in the last 15 minutes, as the shipped rule's increase[15m]) stays above zero and the counter only rises.
import {describe, expect, it} from 'vitest';
import {demoPlatform, tamperFailures} from '../../../src/data/demo/platform.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 11, 6, 3, 0, 0);

describe('the demo tamper signal', () => {
  const tamper = {region: 'eu-west', since: T0};

  it('counts one failure per verification run, only in the broken region', () => {
    expect(tamperFailures(tamper, 'eu-west', T0 - MIN, T0 - 1)).toBe(0);
    expect(tamperFailures(tamper, 'eu-west', -Infinity, T0)).toBe(1);
    expect(tamperFailures(tamper, 'eu-west', -Infinity, T0 + 59 * MIN)).toBe(60);
    expect(tamperFailures(tamper, 'us-east', -Infinity, T0 + 59 * MIN)).toBe(0);
    expect(tamperFailures(undefined, 'eu-west', -Infinity, T0 + 59 * MIN)).toBe(0);
  });

  it('the reading is the last 15 minutes: rising to 15 and staying there while the chain stays broken', () => {
    const at = (t: number) => demoPlatform(1, T0, t, tamper).tamperEvents?.find((v) => v.target === 'integrity@eu-west')?.value;
    expect(at(T0 + 5 * MIN)).toBe(6);
    expect(at(T0 + 60 * MIN)).toBe(15);
    expect(demoPlatform(1, T0, T0 + 60 * MIN, tamper).tamperEvents?.find((v) => v.target === 'integrity@us-east')?.value).toBe(0);
    expect(demoPlatform(1, T0, T0 + 60 * MIN).tamperEvents?.every((v) => v.value === 0)).toBe(true);
  });
});
