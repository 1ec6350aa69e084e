// The context's `paging` settings: the schema names each bad key with its fix, the token only ever comes from the
// environment, and a pager that cannot start leaves the cockpit up with the reason in its poll.
import {describe, expect, it} from 'vitest';
import {ManualClock} from '../../../src/data/clock.js';
import {resolveContext} from '../../../src/data/config/context.js';
import {configProblems} from '../../../src/data/config/validate.js';
import {pagerDutyOptions, type PagingConfig} from '../../../src/data/pagerduty/config.js';
import {createSession} from '../../../src/data/session.js';

const ctx = (paging: unknown) => ({contexts: {prod: {panes: {health: 'demo'}, paging}}});
const good: PagingConfig = {from: 'oncall@connectsoft.com', services: ['PABC123']};
const message = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
};

describe('paging configuration', () => {
  it('a token written into the config file is refused, named by key', () => {
    const problems = configProblems(ctx({...good, token: 'u+abc123'}));
    expect(problems.map((p) => p.key)).toContain('contexts.prod.paging.token');
    expect(problems.find((p) => p.key === 'contexts.prod.paging.token' && /secrets never live/.test(p.message))?.fix).toMatch(/environment/);
  });

  it('wrong shapes name the key and show a fix', () => {
    const problems = configProblems(ctx({kind: 'pagerdooty', services: 'PABC123', from: 'nobody', refresh: 0}));
    const byKey = Object.fromEntries(problems.map((p) => [p.key, p]));
    expect(byKey['contexts.prod.paging.kind']).toMatchObject({message: expect.stringContaining('"pagerduty"'), fix: expect.stringContaining('pagerduty')});
    expect(byKey['contexts.prod.paging.services']).toMatchObject({message: expect.stringContaining('PagerDuty service ids'), fix: 'set it like ["PABC123"]'});
    expect(byKey['contexts.prod.paging.from']).toMatchObject({fix: 'set it like "oncall@connectsoft.com"'});
    expect(byKey['contexts.prod.paging.refresh']).toBeDefined();
    expect(configProblems(ctx({...good, kind: 'pagerduty', tokenEnv: 'PD_KEY'}))).toEqual([]);
  });

  it('settles defaults and reads the token from the environment variable tokenEnv names', () => {
    const o = pagerDutyOptions('prod', {...good, tokenEnv: 'PD_KEY'}, {PD_KEY: 'secret-value'});
    expect(o).toMatchObject({baseUrl: 'https://api.pagerduty.com', tokenEnv: 'PD_KEY', token: 'secret-value', refreshMs: 30_000, timeoutMs: 10_000});
  });

  it('each runtime problem names the key and the fix', () => {
    expect(message(() => pagerDutyOptions('prod', {from: 'a@b.c'}, {}))).toMatch(
      /^contexts\.prod\.paging\.services must list the PagerDuty service ids.*; fix: set it like \["PABC123"\]/,
    );
    expect(message(() => pagerDutyOptions('prod', {...good, from: 'oncall'}, {}))).toMatch(
      /^contexts\.prod\.paging\.from must be the e-mail of a PagerDuty user.*fix: set it like/,
    );
    expect(message(() => pagerDutyOptions('prod', good, {}))).toMatch(
      /^\$ATP_PAGERDUTY_TOKEN is not set \(contexts\.prod\.paging\.tokenEnv\); fix: export ATP_PAGERDUTY_TOKEN=<a PagerDuty REST API key>/,
    );
    expect(message(() => pagerDutyOptions('prod', {...good, caFile: '/nonexistent/ca.pem'}, {ATP_PAGERDUTY_TOKEN: 'x'}))).toMatch(
      /^contexts\.prod\.paging\.caFile cannot be read/,
    );
  });

  it('without the token the cockpit still starts: the paging poll fails with the reason and is stale', async () => {
    const clock = new ManualClock();
    const context = resolveContext({contexts: {prod: {panes: {health: 'demo'}, paging: good}}}, {context: 'prod'}, 'test.json');
    const session = await createSession(context, {clock, env: {}});
    const snap = await session.paging!.poller.pollOnce();
    await session.close();
    expect(snap.value).toBeUndefined();
    expect(snap.error).toMatch(/\$ATP_PAGERDUTY_TOKEN is not set/);
    expect(session.paging!.pager.description).toMatch(/not started/);
  });
});
