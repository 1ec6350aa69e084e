import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {resolveContext} from '../../../src/data/config/context.js';
import {loadConfig} from '../../../src/data/config/store.js';
import {ConfigError, configProblems} from '../../../src/data/config/validate.js';

const file = (content: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'atp-config-')), 'config.json');
  writeFileSync(path, content);
  return path;
};

describe('configuration', () => {
  it('names the key and the fix for a wrong type', () => {
    const problems = configProblems({contexts: {prod: {panes: {health: 'demo'}, refresh: 'fast'}}});
    expect(problems[0]).toMatchObject({key: 'contexts.prod.refresh'});
    expect(problems[0]!.message).toMatch(/refresh interval/);
    expect(problems[0]!.fix).toMatch(/5/);
  });

  it('catches misspelt keys with the known ones', () => {
    const [p] = configProblems({contexts: {prod: {panes: {health: 'demo'}, readonly: true}}});
    expect(p).toMatchObject({key: 'contexts.prod.readonly', message: expect.stringContaining('readOnly')});
  });

  it('refuses secrets in the config file', () => {
    const problems = configProblems({
      contexts: {prod: {panes: {dlq: 'sb'}, sources: {sb: {kind: 'servicebus', connectionString: 'Endpoint=sb://x/;SharedAccessKeyName=a;SharedAccessKey=b'}}}},
    });
    expect(problems.map((p) => p.key)).toContain('contexts.prod.sources.sb.connectionString');
    expect(problems.find((p) => p.key.endsWith('connectionString'))!.message).toMatch(/secrets never live/);
  });

  it('a pane naming an unknown source is explained', () => {
    const [p] = configProblems({contexts: {prod: {panes: {dlq: 'servicebuss'}}}});
    expect(p).toMatchObject({key: 'contexts.prod.panes.dlq', message: expect.stringContaining('servicebuss')});
  });

  it('--config FILE with broken JSON names the file and the position', () => {
    const path = file('{"contexts": {');
    expect(() => loadConfig(path)).toThrow(ConfigError);
    expect(() => loadConfig(path)).toThrow(/not valid JSON/);
  });

  it('resolves contexts: demo by default, production by environment, read-only from flags or config', () => {
    const demo = resolveContext({}, {}, 'x');
    expect(demo).toMatchObject({name: 'demo', isDemo: true, readOnly: false});
    expect(demo.refreshMs.health).toBe(1000);
    const config = {contexts: {'prod-eu': {environment: 'prod', readOnly: true, panes: {health: ['demo']}, refresh: {health: 10}}}};
    const prod = resolveContext(config, {context: 'prod-eu'}, 'x');
    expect(prod).toMatchObject({production: true, readOnly: true, readOnlyReason: 'context prod-eu is readOnly'});
    expect(prod.refreshMs.health).toBe(10_000);
    expect(prod.staleAfterMs.health).toBe(30_000);
    expect(resolveContext({}, {wall: true}, 'x').readOnly).toBe(true);
    expect(() => resolveContext(config, {context: 'nope'}, 'x')).toThrow(/no such context/);
  });
});
