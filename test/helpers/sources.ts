// Sources for tests: the demo with a switch to make reads fail, and a recorder of mutating calls.
import {createDemoSource} from '../../src/data/demo/source.js';
import type {SourceFactory} from '../../src/data/sources/registry.js';
import type {Capabilities, Source} from '../../src/data/sources/types.js';
import {isScenario} from '../../src/data/demo/scenarios.js';

export interface Switch {
  failWith?: string;
}

/** A demo source whose reads throw `sw.failWith` while it is set. */
export function flakyDemoFactory(sw: Switch): SourceFactory {
  return async (config, {clock}) => {
    const scenario = typeof config.scenario === 'string' && isScenario(config.scenario) ? config.scenario : 'calm';
    const demo = createDemoSource({scenario, seed: 1, clock});
    return {
      ...demo,
      read: async (pane, signal) => {
        if (sw.failWith) throw new Error(sw.failWith);
        return demo.read(pane, signal);
      },
    };
  };
}

/** Wraps the demo so every mutating capability call is recorded (and still performed). */
export function recordingDemoFactory(calls: string[]): SourceFactory {
  return async (config, {clock}) => {
    const scenario = typeof config.scenario === 'string' && isScenario(config.scenario) ? config.scenario : 'calm';
    const demo = createDemoSource({scenario, seed: 1, clock});
    const c = demo.capabilities;
    const capabilities: Capabilities = {
      ...c,
      rollback: c.rollback && {...c.rollback, rollback: (...args) => (calls.push('rollback'), c.rollback!.rollback(...args))},
      replay: c.replay && {...c.replay, replay: (...args) => (calls.push('replay'), c.replay!.replay(...args))},
      freeze: c.freeze && {
        ...c.freeze,
        freeze: (...args) => (calls.push('freeze'), c.freeze!.freeze(...args)),
        unfreeze: (...args) => (calls.push('unfreeze'), c.freeze!.unfreeze(...args)),
      },
    };
    const source: Source = {...demo, capabilities, read: demo.read.bind(demo)};
    return source;
  };
}
