// The embedded demo ATP: a deterministic simulation on an injectable clock.
import type {Clock} from '../clock.js';
import type {Freeze, FreezeKind} from '../sources/types.js';
import {DlqSim} from './dlq-sim.js';
import {OutboxSim, ProjectionSim} from './flow-sim.js';
import type {DemoTamper} from './platform.js';
import {SCENARIO_DEFS, type Scenario, type ScenarioEvent, type ScenarioName} from './scenarios.js';
import {ServiceSim} from './service-sim.js';
import {SloSim} from './slo-sim.js';
import {DEMO_ENTITIES, DEMO_OUTBOXES, DEMO_PROJECTIONS, DEMO_REGIONS, DEMO_SERVICES, DEMO_SLOS} from './topology.js';

const STEP_MS = 1_000;
/**
 * Before the last minute of pre-roll the world steps a minute at a time, and in the last minute at the trend
 * lines' resolution (15 s): the history is the same shape, and start-up takes 53 steps instead of 109.
 */
const PREROLL_STEP_MS = 60_000;
const PREROLL_LAST_MINUTE_STEP_MS = 15_000;
const PREROLL_MS = 50 * 60_000;
/** Beyond this gap (a suspended laptop) the world jumps in coarse steps instead of replaying every second. */
const MAX_FINE_CATCHUP_MS = 2 * 3_600_000;

export interface DemoOptions {
  readonly scenario: ScenarioName;
  readonly seed: number;
  readonly clock: Clock;
  /** Called after every simulation step (the simulator integrates its counters here). */
  readonly onStep?: (world: DemoWorld, t: number, dtMs: number) => void;
}

export class DemoWorld {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly start: number;
  readonly services: ServiceSim[] = [];
  readonly projections: ProjectionSim[] = [];
  readonly outboxes: OutboxSim[] = [];
  readonly dlq: DlqSim[] = [];
  readonly slos: SloSim[] = [];
  readonly freezes = new Map<FreezeKind, Freeze>();
  /** Where and since when the hash-chain verifier fails (the `tamper` scenario). */
  tamper: DemoTamper | undefined;
  private touched = 0;
  private readonly storms: {entity: string; reason: string; perMinute: number}[] = [];
  private readonly pending: ScenarioEvent[];
  private t: number;

  constructor(readonly options: DemoOptions) {
    this.scenario = SCENARIO_DEFS[options.scenario];
    this.seed = options.seed;
    this.start = options.clock.now();
    this.t = this.start - PREROLL_MS;
    for (const service of DEMO_SERVICES) for (const region of DEMO_REGIONS) this.services.push(new ServiceSim(service, region, this.seed, this.t));
    for (const projection of DEMO_PROJECTIONS) for (const region of DEMO_REGIONS) this.projections.push(new ProjectionSim(projection, region, this.seed));
    for (const service of DEMO_OUTBOXES) for (const region of DEMO_REGIONS) this.outboxes.push(new OutboxSim(service, region, this.seed));
    for (const def of DEMO_ENTITIES) this.dlq.push(new DlqSim(def, this.seed, this.t));
    for (const def of DEMO_SLOS) this.slos.push(new SloSim(def, this.seed, this.t));
    this.pending = [...this.scenario.events].sort((a, b) => a.atMs - b.atMs);
    this.advance();
  }

  /** Changes whenever something structural changed (a pod, a completed replay, a freeze): readings must be fresh. */
  get version(): number {
    return this.touched + this.services.reduce((sum, s) => sum + s.podsVersion, 0);
  }

  /** Marks a structural change made from outside the step (actions). */
  touch(): void {
    this.touched++;
  }

  /** Simulation time (catches up with the clock on `advance`). */
  get now(): number {
    return this.t;
  }

  /** Steps the simulation up to the clock's current time. */
  advance(): void {
    const target = this.options.clock.now();
    if (target - this.t > MAX_FINE_CATCHUP_MS) {
      while (this.t + 60_000 <= target - MAX_FINE_CATCHUP_MS / 2) this.step(this.t + 60_000, 60_000);
    }
    while (this.t + PREROLL_STEP_MS <= Math.min(target, this.start - 60_000)) this.step(this.t + PREROLL_STEP_MS, PREROLL_STEP_MS);
    while (this.t + PREROLL_LAST_MINUTE_STEP_MS <= Math.min(target, this.start)) {
      this.step(this.t + PREROLL_LAST_MINUTE_STEP_MS, PREROLL_LAST_MINUTE_STEP_MS);
    }
    while (this.t + STEP_MS <= target) this.step(this.t + STEP_MS, STEP_MS);
  }

  service(service: string, region: string): ServiceSim | undefined {
    return this.services.find((s) => s.service === service && s.region === region);
  }

  entity(path: string): DlqSim | undefined {
    return this.dlq.find((d) => d.def.entity === path);
  }

  private apply(event: ScenarioEvent, t: number): void {
    switch (event.kind) {
      case 'deploy':
        this.service(event.service, event.region)?.deploy(event.version, event.bad, t);
        break;
      case 'stall':
        for (const p of this.projections) if (p.projection === event.projection && p.region === event.region) p.stalledSince = t;
        break;
      case 'storm':
        for (const entity of event.entities) this.storms.push({entity, reason: event.reason, perMinute: event.perMinute});
        break;
      case 'outage':
        for (const s of this.services) if (s.region === event.region) s.outage = true;
        break;
      case 'tamper':
        this.tamper = {region: event.region, since: t};
        break;
    }
  }

  private step(t: number, dtMs: number): void {
    while (this.pending[0] && this.start + this.pending[0].atMs <= t) this.apply(this.pending.shift()!, t);
    for (const s of this.services) s.step(t);
    const regionDown = (region: string) => this.services.some((s) => s.region === region && s.outage);
    for (const p of this.projections) {
      const ingest = this.service('ingestion', p.region)?.rps ?? 0;
      const w = this.service('projection', p.region);
      const workers = w && {ready: w.readyCount(t), fresh: p.stalledSince === undefined ? 0 : w.freshReady(p.stalledSince, t), base: w.baseReplicas};
      p.step(t, ingest, regionDown(p.region), workers);
    }
    for (const o of this.outboxes) {
      const svc = this.service(o.service, o.region);
      const slowed = (svc?.active.bad ?? false) && (svc?.readyCount(t) ?? 0) > 0;
      o.step(t, dtMs, svc?.rps ?? 0, slowed, svc?.outage ?? false);
    }
    for (const d of this.dlq) this.stepEntity(d, t, dtMs);
    this.recordSlos(t);
    this.t = t;
    this.options.onStep?.(this, t, dtMs);
  }

  private stepEntity(d: DlqSim, t: number, dtMs: number): void {
    const storm = this.storms.find((s) => s.entity === d.def.entity);
    const stalled = this.projections.find((p) => p.stalledSince !== undefined && d.def.consumer === 'projection-worker' && p.region === 'us-east');
    let inflow = 1 / 240;
    let reason = 'DeliveryCountExceeded';
    let active = 0;
    if (storm) {
      inflow = storm.perMinute;
      reason = storm.reason;
    } else if (stalled?.stalledSince !== undefined && d.def.kind === 'subscription') {
      inflow = 4;
      reason = 'MessageLockLostException';
      active = ((t - stalled.stalledSince) / 1000) * 35;
    }
    d.step(t, dtMs, inflow, reason, active);
  }

  private recordSlos(t: number): void {
    const api = this.services.filter((s) => ['gateway', 'ingestion', 'query'].includes(s.service));
    const requests = api.reduce((sum, s) => sum + s.rps, 0);
    const errors = api.reduce((sum, s) => sum + s.rps * s.errorRatio, 0);
    const slow = (service: string, limitMs: number) => {
      const rows = this.services.filter((s) => s.service === service);
      const total = rows.reduce((sum, s) => sum + s.rps, 0);
      const bad = rows.reduce((sum, s) => sum + s.rps * (s.p95 === 0 ? 1 : Math.min(0.9, 0.05 * (s.p95 / limitMs) ** 3)), 0);
      return total > 0 ? bad / total : 0;
    };
    const lateShare = this.projections.reduce((sum, p) => sum + p.lateShare(5), 0) / Math.max(1, this.projections.length);
    const values: Record<string, number> = {
      'atp-availability': requests > 0 ? errors / requests : 0,
      'atp-ingestion-latency': slow('ingestion', 500),
      'atp-query-latency': slow('query', 200),
      'atp-projection-lag': lateShare,
    };
    for (const slo of this.slos) slo.record(t, values[slo.def.id] ?? 0);
  }
}
