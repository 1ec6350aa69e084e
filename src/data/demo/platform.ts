// The demo's platform signals: node disks, the public endpoints' certificates, the signing keys, and the tamper and
// compliance counters. Calm in every scenario but `tamper`: they exist so that every catalog alert is evaluated on the demo.
import type {PlatformSignals} from '../readings/types.js';
import {hash, wobbleH} from './random.js';
import {DEMO_REGIONS} from './topology.js';

const DAY = 86_400_000;
const MIN = 60_000;

/** The `tamper` scenario: the region whose hash-chain verifier fails on one segment, and since when. */
export interface DemoTamper {
  readonly region: string;
  readonly since: number;
}

/**
 * Failed verifications of `region` in (from, to]: the verifier runs once a minute (our choice for the demo) and each
 * run over the broken segment fails again, so the count keeps rising until someone repairs the chain.
 */
export function tamperFailures(tamper: DemoTamper | undefined, region: string, from: number, to: number): number {
  if (!tamper || tamper.region !== region) return 0;
  const runs = (t: number) => (t < tamper.since ? 0 : Math.floor((t - tamper.since) / MIN) + 1);
  return runs(to) - runs(from);
}
/** Nodes per region whose data volume the demo reports (kube nodes carrying ATP's stateful workloads). */
const NODES = ['aks-system-0', 'aks-workers-0', 'aks-workers-1'] as const;
/** Public endpoints whose TLS certificate the demo reports. */
export const DEMO_CERT_HOSTS = ['api.atp.example.com', 'ingestion.atp.internal'] as const;

/** Where each of the demo's platform signals stands at `t`. */
export function demoPlatform(seed: number, start: number, t: number, tamper?: DemoTamper): PlatformSignals {
  const diskFree = DEMO_REGIONS.flatMap((region) =>
    NODES.map((node) => {
      const key = hash(`${node}:${region}:disk`);
      // Between about 45% and 75% free, drifting over hours.
      return {target: `${node}:/var/lib@${region}`, value: 0.6 + 0.15 * wobbleH(seed, key, t, 6 * 3_600_000)};
    }),
  );
  return {
    diskFree,
    certExpiry: DEMO_REGIONS.flatMap((region) => DEMO_CERT_HOSTS.map((host, i) => ({target: `${host}@${region}`, value: start + (47 + 9 * i) * DAY}))),
    keyRotated: DEMO_REGIONS.map((region) => ({target: `integrity-signing@${region}`, value: start - 21 * DAY})),
    // The catalog's "any tamper alert", read as the failures of the last 15 minutes (as the shipped rule's increase[15m]).
    tamperEvents: DEMO_REGIONS.map((region) => ({target: `integrity@${region}`, value: tamperFailures(tamper, region, t - 15 * MIN, t)})),
    complianceEvents: DEMO_REGIONS.map((region) => ({target: region, value: 0})),
  };
}
