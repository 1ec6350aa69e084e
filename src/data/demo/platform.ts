// The demo's platform signals: node disks, the public endpoints' certificates, the signing keys, and the tamper and
// compliance counters. Calm in every scenario: they exist so that every catalog alert is evaluated on the demo.
import type {PlatformSignals} from '../readings/types.js';
import {hash, wobbleH} from './random.js';
import {DEMO_REGIONS} from './topology.js';

const DAY = 86_400_000;
/** Nodes per region whose data volume the demo reports (kube nodes carrying ATP's stateful workloads). */
const NODES = ['aks-system-0', 'aks-workers-0', 'aks-workers-1'] as const;
/** Public endpoints whose TLS certificate the demo reports. */
export const DEMO_CERT_HOSTS = ['api.atp.example.com', 'ingestion.atp.internal'] as const;

/** Where each of the demo's platform signals stands at `t`. */
export function demoPlatform(seed: number, start: number, t: number): PlatformSignals {
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
    tamperEvents: DEMO_REGIONS.map((region) => ({target: `integrity@${region}`, value: 0})),
    complianceEvents: DEMO_REGIONS.map((region) => ({target: region, value: 0})),
  };
}
