// A prom-client registry whose metrics are read from the simulated world at each scrape.
import {Registry, type Metric} from 'prom-client';
import type {Family} from './samples.js';

/** Registers one collector per family; `snapshot` is called once per scrape and shared by all families. */
export function simulatorRegistry(names: readonly Family[], snapshot: () => readonly Family[]): Registry {
  const registry = new Registry();
  let scrape: readonly Family[] | undefined;
  for (const template of names) {
    const collector = {
      name: template.name,
      help: template.help,
      type: template.type,
      aggregator: 'sum',
      get: async () => {
        // The first family of a scrape takes the snapshot; the rest reuse it.
        if (template === names[0] || !scrape) scrape = snapshot();
        const family = scrape.find((f) => f.name === template.name);
        return {
          name: template.name,
          help: template.help,
          type: template.type,
          aggregator: 'sum',
          values: (family?.samples ?? []).map((s) => ({metricName: s.name, labels: {...s.labels}, value: s.value})),
        };
      },
    };
    // prom-client accepts any object with name and get(); its types only describe its own classes.
    registry.registerMetric(collector as unknown as Metric);
  }
  return registry;
}
