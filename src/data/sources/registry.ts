// Builds sources by kind. Backends load lazily, so the demo never pays for the SDKs it does not use.
import type {ResolvedSource} from '../config/context.js';
import {isScenario} from '../demo/scenarios.js';
import {SourceError} from '../errors.js';
// SourceEnv is in types.ts, with Source: the backends import it from there, not from this registry that loads them.
import type {Source, SourceEnv} from './types.js';

export type SourceFactory = (config: ResolvedSource, env: SourceEnv) => Promise<Source>;

/** Kind → factory. Backends register here (see src/data/<backend>/index.ts). */
const factories: Partial<Record<ResolvedSource['kind'], SourceFactory>> = {
  demo: async (config, {clock}) => {
    const {createDemoSource} = await import('../demo/source.js');
    const scenario = typeof config.scenario === 'string' && isScenario(config.scenario) ? config.scenario : 'calm';
    const seed = typeof config.seed === 'number' ? config.seed : 1;
    return createDemoSource({scenario, seed, clock});
  },
  prometheus: async (config, {clock, env}) => (await import('../prometheus/source.js')).createPrometheusSource(config, clock, env),
  health: async (config, {clock, context}) => (await import('../health/source.js')).createHealthSource(config, clock, context),
  kubernetes: async (config, env) => (await import('../kubernetes/source.js')).createKubernetesSource(config, env),
  servicebus: async (config, env) => (await import('../servicebus/source.js')).createServiceBusSource(config, env),
  'azure-monitor': async (config, env) => (await import('../azure-monitor/source.js')).createMonitorSource(config, env),
};

/** Adds or replaces the factory for a kind (backends and tests). */
export function registerSourceFactory(kind: ResolvedSource['kind'], factory: SourceFactory): void {
  factories[kind] = factory;
}

/** Creates the source described by `config`. */
export async function createSource(config: ResolvedSource, env: SourceEnv): Promise<Source> {
  const factory = factories[config.kind];
  if (!factory) throw new SourceError('config', `source kind "${config.kind}" is not available in this build`);
  return factory(config, env);
}
