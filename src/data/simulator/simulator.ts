// The demo ATP as a real target: the world on a real clock, its counters, and the prom-client registry.
import type {Clock} from '../clock.js';
import {healthReading} from '../demo/readings.js';
import type {ScenarioName} from '../demo/scenarios.js';
import {DemoWorld} from '../demo/world.js';
import type {ServiceHealth} from '../readings/types.js';
import {backfill, type BackfillOptions} from './backfill.js';
import {probeAnswer, type ProbeAnswer} from './health-json.js';
import {Recorder} from './recorder.js';
import {simulatorRegistry} from './registry.js';
import {allFamilies} from './samples.js';
import {groundTruth} from './truth.js';

/** Scenario, seed and clock of the simulated world. */
export interface SimulatorOptions {
  readonly scenario: ScenarioName;
  readonly seed: number;
  readonly clock: Clock;
}

/** One simulated ATP: answers scrapes, probes, ground-truth and backfill requests from the same world. */
export class Simulator {
  readonly world: DemoWorld;
  readonly recorder = new Recorder();
  private readonly registry;

  constructor(readonly options: SimulatorOptions) {
    this.world = new DemoWorld({...options, onStep: (world, t, dtMs) => this.recorder.onStep(world, t, dtMs)});
    const families = () => {
      this.world.advance();
      return allFamilies(this.world, this.recorder.counters);
    };
    this.registry = simulatorRegistry(families(), families);
  }

  /** The Prometheus text exposition of every family, as of now. */
  async metrics(): Promise<{contentType: string; text: string}> {
    return {contentType: this.registry.contentType, text: await this.registry.metrics()};
  }

  /** The answer of `/health/<probe>` for one service and region, or undefined when there is no such service. */
  probe(service: string, region: string, probe: 'ready' | 'live'): ProbeAnswer | undefined {
    this.world.advance();
    const row: ServiceHealth | undefined = healthReading(this.world).services.find((s) => s.service === service && s.region === region);
    return row ? probeAnswer(row, probe) : undefined;
  }

  truth(): unknown {
    this.world.advance();
    return groundTruth(this.world);
  }

  /** The OpenMetrics backfill up to now, in chunks. */
  backfill(options: Omit<BackfillOptions, 'now'>): Generator<string> {
    this.world.advance();
    return backfill(this.recorder, {...options, now: this.world.now});
  }

  /** Service × region pairs with health endpoints. */
  targets(): {service: string; region: string}[] {
    return this.world.services.map((s) => ({service: s.service, region: s.region}));
  }
}
