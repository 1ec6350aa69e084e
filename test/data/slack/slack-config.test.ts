// The Slack webhook in a context: the configuration names the environment variable, never the URL.
import {describe, expect, it} from 'vitest';
import {resolveContext} from '../../../src/data/config/context.js';
import {configProblems} from '../../../src/data/config/validate.js';

const ctx = (slack: unknown) => ({contexts: {prod: {panes: {health: 'demo'}, sources: {demo: {kind: 'demo'}}, slack}}});

describe('slack in a context', () => {
  it('resolves webhookEnv, with #atp-incidents as the channel by default', () => {
    expect(configProblems(ctx({webhookEnv: 'ATP_SLACK_WEBHOOK'}))).toEqual([]);
    expect(resolveContext(ctx({webhookEnv: 'ATP_SLACK_WEBHOOK'}) as never, {context: 'prod'}, 'f.json').slack).toEqual({
      webhookEnv: 'ATP_SLACK_WEBHOOK',
      channel: '#atp-incidents',
    });
    expect(resolveContext(ctx(undefined) as never, {context: 'prod'}, 'f.json').slack).toBeUndefined();
  });

  it('a URL in webhookEnv is one problem that names the key and the fix', () => {
    const problems = configProblems(ctx({webhookEnv: 'https://hooks.slack.com/services/T0/B0/abc'}));
    expect(problems).toEqual([
      {
        key: 'contexts.prod.slack.webhookEnv',
        message: 'holds a URL; it names the environment variable that holds the URL (the URL is a secret and never lives in the config file)',
        fix: 'export ATP_SLACK_WEBHOOK=<the webhook URL> and set contexts.prod.slack.webhookEnv to "ATP_SLACK_WEBHOOK"',
      },
    ]);
  });

  it('a webhook URL under any other key is a secret in the file, and an unknown key is named', () => {
    const problems = configProblems(ctx({webhookEnv: 'ATP_SLACK_WEBHOOK', url: 'https://hooks.slack.com/services/T0/B0/abc'}));
    expect(problems.map((p) => p.key)).toEqual(['contexts.prod.slack.url', 'contexts.prod.slack.url']);
    expect(problems[1]?.message).toContain('secrets never live in the config file');
    expect(configProblems(ctx({})).map((p) => `${p.key}: ${p.message}`)).toEqual(['contexts.prod.slack.webhookEnv: is required']);
  });
});
