// Pure parts of the servicebus source: options, error wording, targets and the runbook command, depth history.
import {describe, expect, it} from 'vitest';
import type {ResolvedSource} from '../../../src/data/config/context.js';
import type {DlqEntity} from '../../../src/data/readings/types.js';
import {connectionStringHost, fullyQualified, serviceBusOptions} from '../../../src/data/servicebus/config.js';
import {scrubSecrets, serviceBusError} from '../../../src/data/servicebus/errors.js';
import {DepthHistory} from '../../../src/data/servicebus/history.js';
import {replayCommand, replayTargets} from '../../../src/data/servicebus/targets.js';

const config = (extra: Record<string, unknown> = {}): ResolvedSource => ({id: 'sb', kind: 'servicebus', ...extra});
const CS = 'Endpoint=sb://sb-atp-prod.servicebus.windows.net/;SharedAccessKeyName=cockpit;SharedAccessKey=c2VjcmV0LWtleQ==';

describe('servicebus options', () => {
  it('takes the connection string from the environment, else a credential for the namespace', () => {
    expect(serviceBusOptions(config(), {ATP_SERVICEBUS_CONNECTION_STRING: CS})).toMatchObject({
      auth: {kind: 'connection-string', env: 'ATP_SERVICEBUS_CONNECTION_STRING'},
      host: 'sb-atp-prod.servicebus.windows.net',
    });
    expect(serviceBusOptions(config({namespace: 'sb-atp-prod'}), {})).toMatchObject({
      auth: {kind: 'credential', namespace: 'sb-atp-prod.servicebus.windows.net'},
    });
    expect(serviceBusOptions(config({namespace: 'sb://sb-atp-prod.servicebus.windows.net/'}), {}).host).toBe('sb-atp-prod.servicebus.windows.net');
    expect(() => serviceBusOptions(config({connectionStringEnv: 'MY_SB'}), {})).toThrow('sources.sb: $MY_SB is not set');
    expect(() => serviceBusOptions(config(), {ATP_SERVICEBUS_CONNECTION_STRING: 'nonsense'})).toThrow(
      '$ATP_SERVICEBUS_CONNECTION_STRING is not a Service Bus connection string',
    );
    expect(() => serviceBusOptions(config({namespace: 'x', consumers: ['a']}), {})).toThrow('sources.sb.consumers must map entity paths to names');
    expect(fullyQualified('a.b.c')).toBe('a.b.c');
    expect(connectionStringHost('SharedAccessKey=x;Endpoint=sb://127.0.0.1:5672/')).toBe('127.0.0.1:5672');
  });

  it('defaults keep a refresh cheap and bounded', () => {
    expect(serviceBusOptions(config({namespace: 'x'}), {})).toMatchObject({
      timeoutMs: 10_000,
      retries: 2,
      retryDelayMs: 500,
      peekPerEntity: 50,
      peekEntities: 8,
      reasonsEveryMs: 60_000,
      scanLimit: 1000,
      concurrency: 4,
    });
    expect(serviceBusOptions(config({namespace: 'x', peekPerEntity: 10_000}), {}).peekPerEntity).toBe(250);
  });
});

describe('servicebus errors', () => {
  it('say which kind of failure it was, and never carry a key', () => {
    const tlsError = Object.assign(new Error('self-signed certificate in certificate chain'), {code: 'SELF_SIGNED_CERT_IN_CHAIN'});
    expect(serviceBusError('listing', tlsError)).toMatchObject({
      kind: 'tls',
      message: 'listing: self-signed certificate in certificate chain (SELF_SIGNED_CERT_IN_CHAIN) (a private CA? set caFile)',
    });
    expect(serviceBusError('peek', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5671'), {code: 'ECONNREFUSED'})).kind).toBe('connect');
    expect(serviceBusError('peek', Object.assign(new Error('The operation timed out.'), {code: 'ServiceTimeout'})).kind).toBe('timeout');
    expect(serviceBusError('x', Object.assign(new Error('CredentialUnavailableError: no credential'), {name: 'CredentialUnavailableError'})).kind).toBe('auth');
    expect(serviceBusError('x', new Error(`bad ${CS}`)).message).not.toContain('c2VjcmV0LWtleQ');
    // core-amqp's retry throws an AggregateError of every attempt: the last attempt's error decides.
    const unauthorized = Object.assign(new Error('InvalidToken: the jwt is not valid'), {name: 'ServiceBusError', code: 'UnauthorizedAccess'});
    expect(serviceBusError('peek', new AggregateError([new Error('first'), unauthorized]))).toMatchObject({
      kind: 'auth',
      message: expect.stringMatching(/^peek: InvalidToken: the jwt is not valid \(UnauthorizedAccess\) \(check/),
    });
    expect(scrubSecrets('Authorization: SharedAccessSignature sr=a&sig=abc&se=1')).toBe('Authorization: SharedAccessSignature ***');
  });
});

describe('servicebus targets and command', () => {
  const topics = new Map([
    ['audit.appended.v1', ['audit.appended.v1/Subscriptions/projection', 'audit.appended.v1/Subscriptions/search']],
    ['replay.v1', ['replay.v1/Subscriptions/projection']],
  ]);
  const queue: DlqEntity = {entity: 'export-jobs', kind: 'queue', deadLetter: 3, active: 0};
  const sub: DlqEntity = {entity: 'audit.appended.v1/Subscriptions/projection', kind: 'subscription', topic: 'audit.appended.v1', deadLetter: 9, active: 0};

  it('a queue replays to itself; a subscription to its topic (every subscription), or to a single-subscription forward topic', () => {
    expect(replayTargets(queue, {topics}, {})).toEqual([
      {entity: 'export-jobs', label: 'queue export-jobs (back to its own consumer)', reaches: ['export-jobs']},
    ]);
    const [topic, forward] = replayTargets(sub, {topics}, {[sub.entity]: 'Replay.V1'});
    expect(topic?.reaches).toHaveLength(2);
    expect(forward).toEqual({
      entity: 'replay.v1',
      label: 'topic replay.v1, forward target (reaches its only subscription)',
      reaches: ['replay.v1/Subscriptions/projection'],
    });
  });

  it('prints the runbook line, shell-safe whatever the reason text', () => {
    const plan = {entity: sub.entity, target: {entity: 'audit.appended.v1', label: '', reaches: []}, maxCount: 10, messages: []};
    expect(replayCommand({...plan, reason: 'MaxDeliveryCountExceeded'}, {[sub.entity]: 'projection-worker'}, 'audit.appended.v1')).toBe(
      'atp-admin dlq replay --consumer projection-worker --filter "reason=MaxDeliveryCountExceeded" --max-count 10 --confirm',
    );
    expect(replayCommand({...plan, reason: "it's $(rm -rf /)"}, {}, 'audit.appended.v1')).toBe(
      `atp-admin dlq replay --consumer audit.appended.v1/Subscriptions/projection --filter 'reason=it'\\''s $(rm -rf /)' --max-count 10 --confirm`,
    );
  });
});

describe('depth history', () => {
  it('grows a trend line at most every 30 s and measures growth over about 5 minutes', () => {
    const h = new DepthHistory();
    expect(h.offer('q', 0, 10).growthPerMin).toBeUndefined();
    expect(h.offer('q', 10_000, 11).series.map((s) => s.v)).toEqual([10, 11]);
    expect(h.offer('q', 30_000, 12).series).toHaveLength(2);
    for (let t = 60_000; t <= 600_000; t += 30_000) h.offer('q', t, 12 + t / 60_000);
    const last = h.offer('q', 600_000, 22);
    expect(last.growthPerMin).toBeCloseTo(1, 5);
    expect(last.series.length).toBeLessThanOrEqual(21);
    h.retain(new Set());
    expect(h.offer('q', 630_000, 0).series).toHaveLength(1);
  });
});
