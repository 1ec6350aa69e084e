// The source's settings and the kubeconfig: defaults, the runbook's namespaces, and errors that name the key.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {configProblems} from '../../../src/data/config/validate.js';
import {parseKubeConfig} from '../../../src/data/kubernetes/config.js';
import {loadKubeConfig, regionContexts} from '../../../src/data/kubernetes/kubeconfig.js';
import {createSource} from '../../../src/data/sources/registry.js';
import {systemClock} from '../../../src/data/clock.js';
import {kubeContext, writeMultiKubeconfig} from './helpers.js';

const source = (settings: Record<string, unknown>) => ({id: 'k8s', kind: 'kubernetes' as const, ...settings});

describe('settings', () => {
  test('defaults: the eight ATP services, atp-{service}-ns, deployment {service}, the runbook freeze objects', () => {
    const c = parseKubeConfig(source({}));
    expect(c.services).toEqual(['gateway', 'ingestion', 'query', 'projection', 'export', 'integrity', 'policy', 'search']);
    expect(c.namespaceOf('query')).toBe('atp-query-ns');
    expect(c.deploymentOf('query')).toBe('query');
    expect(c.freeze.deployments.map((t) => `${t.kind} ${t.namespace}/${t.name}`)).toEqual(['Kustomization flux-system/atp', 'HelmRelease atp-system/atp']);
    expect(c.freeze.integrity.map((t) => t.name)).toEqual(['atp-purge', 'atp-export']);
    expect(c.freeze.writes).toEqual([]);
    expect(c.regions).toEqual([]);
  });

  test('mapping: namespace template, per-service overrides, regions to kube contexts', () => {
    const c = parseKubeConfig(
      source({
        namespace: 'atp-{service}',
        namespaces: {ingestion: 'atp-ingest-ns'},
        deployment: '{service}-api',
        kubeContexts: {'us-east': 'aks-useast-prod', 'eu-west': 'aks-euwest-prod'},
      }),
    );
    expect([c.namespaceOf('ingestion'), c.namespaceOf('query'), c.deploymentOf('query')]).toEqual(['atp-ingest-ns', 'atp-query', 'query-api']);
    expect(c.regions).toEqual([
      {region: 'us-east', kubeContext: 'aks-useast-prod'},
      {region: 'eu-west', kubeContext: 'aks-euwest-prod'},
    ]);
  });

  test('errors name the key and say what is expected', () => {
    expect(() => parseKubeConfig(source({services: 'gateway'}))).toThrow('sources.k8s.services: must be a list of names');
    expect(() => parseKubeConfig(source({namespace: 'ATP_{service}'}))).toThrow(
      /sources\.k8s\.namespace: gives "ATP_gateway" for gateway, which is not a namespace name/,
    );
    expect(() => parseKubeConfig(source({freeze: {integrity: [{kind: 'Job', namespace: 'a', name: 'b'}]}}))).toThrow(
      'sources.k8s.freeze.integrity[0].kind: must be one of Kustomization, HelmRelease, CronJob, ConfigMap',
    );
    expect(() => parseKubeConfig(source({freeze: {writes: [{kind: 'ConfigMap', namespace: 'a', name: 'b'}]}}))).toThrow(/needs "key" and "value"/);
    expect(() => parseKubeConfig(source({freeze: {writes: [{kind: 'CronJob', namespace: 'atp-system', name: 'atp-purge'}]}}))).toThrow(
      /already a target of the integrity freeze/,
    );
    expect(() => parseKubeConfig(source({helm: {release: 'Bad Name'}}))).toThrow('sources.k8s.helm.release: must be a Helm release name');
  });

  test("the lead's example configuration passes the config validator (no secrets, extra keys accepted)", () => {
    const config = {
      contexts: {
        prod: {
          panes: {health: 'kubernetes'},
          sources: {
            kubernetes: {
              kind: 'kubernetes',
              kubeContexts: {'us-east': 'aks-useast-prod'},
              namespaces: {ingestion: 'atp-ingest-ns'},
              helm: {release: 'atp', namespace: 'atp-system'},
              freeze: {integrity: [{kind: 'CronJob', namespace: 'atp-system', name: 'atp-purge'}]},
            },
          },
        },
      },
    };
    expect(configProblems(config)).toEqual([]);
  });
});

describe('kubeconfig', () => {
  let dir: string;
  let path: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'atp-kc-'));
    path = writeMultiKubeconfig(dir, [
      {name: 'aks-useast-prod', url: 'http://127.0.0.1:1'},
      {name: 'aks-euwest-prod', url: 'http://127.0.0.1:2'},
    ]);
  });
  afterAll(() => rmSync(dir, {recursive: true, force: true}));

  test('found through $KUBECONFIG (several files), then ~/.kube/config; regions bind to contexts', () => {
    const extra = join(dir, 'extra');
    const config = [
      'apiVersion: v1',
      'kind: Config',
      'clusters: [{name: x, cluster: {server: "http://127.0.0.1:3", insecure-skip-tls-verify: true}}]',
      'contexts: [{name: aks-x, context: {cluster: x, user: x}}]',
      'users: [{name: x, user: {}}]',
    ];
    writeFileSync(extra, `${config.join('\n')}\n`);
    const loaded = loadKubeConfig(undefined, {KUBECONFIG: `${path}:${extra}`, HOME: dir});
    expect(loaded.from).toBe('$KUBECONFIG');
    expect(loaded.config.getContexts().map((c) => c.name)).toEqual(['aks-useast-prod', 'aks-euwest-prod', 'aks-x']);
    expect(regionContexts(loaded, [{region: 'eu-west', kubeContext: 'aks-euwest-prod'}], undefined)).toEqual([
      {region: 'eu-west', kubeContext: 'aks-euwest-prod', explicit: true, server: 'http://127.0.0.1:2'},
    ]);
    expect(regionContexts(loaded, [], 'us-east')).toEqual([{region: 'us-east', kubeContext: 'aks-useast-prod', explicit: false, server: 'http://127.0.0.1:1'}]);
    expect(() => regionContexts(loaded, [{region: 'ap', kubeContext: 'aks-ap'}], undefined)).toThrow(
      'kube context "aks-ap" for region ap is not in the kubeconfig ($KUBECONFIG); known contexts: aks-useast-prod, aks-euwest-prod, aks-x',
    );
    expect(() => loadKubeConfig(undefined, {HOME: join(dir, 'nowhere')})).toThrow(/no kubeconfig found/);
  });

  test('the registry builds the source from a context (a bad context is a clear config error)', async () => {
    const context = kubeContext({kubeconfig: path, kubeContexts: {'us-east': 'nope'}});
    await expect(createSource(context.sources['k8s']!, {clock: systemClock(), context, env: {HOME: dir}, readOnly: false})).rejects.toThrow(
      /kube context "nope" for region us-east is not in the kubeconfig/,
    );
  });
});
