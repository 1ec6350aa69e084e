// An Azure credential for `namespace`, no connection string: the real SDK against the double in Entra ID mode, where
// AMQP runs over TLS with a `jwt` put-token and the admin API wants `Authorization: Bearer`. Own file: the source
// trusts the double's CA process-wide (tls.setDefaultCACertificates) for AMQP over TLS.
import type {AccessToken, GetTokenOptions, TokenCredential} from '@azure/core-auth';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {systemClock} from '../../../src/data/clock.js';
import {createServiceBusSource, type ServiceBusSource} from '../../../src/data/servicebus/source.js';
import {sampleDeadLetters} from '../../doubles/servicebus/index.js';
import {TEST_CA_DIR_ENV} from '../../doubles/tls/ca.js';
import {canSetDefaultCa} from '../../doubles/tls/trust.js';
import {busContext, busSource, conservation, copyIdsOf, CS_ENV, FAST, replayAll, startBus, type Bus} from './helpers.js';

/** The scope both SDK clients ask for (`Constants.aadServiceBusScope` of @azure/core-amqp, double slash included). */
const SERVICE_BUS_SCOPE = 'https://servicebus.azure.net//.default';
const TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.atp-cockpit-test-token.';

/** A TokenCredential that issues `token` for the Service Bus scope only, and records every scope it is asked for. */
function fakeCredential(token: string): TokenCredential & {readonly scopes: string[]} {
  const scopes: string[] = [];
  return {
    scopes,
    getToken: async (scope: string | string[], _options?: GetTokenOptions): Promise<AccessToken> => {
      const asked = typeof scope === 'string' ? [scope] : scope;
      scopes.push(asked.join(' '));
      const forServiceBus = asked.length === 1 && asked[0] === SERVICE_BUS_SCOPE;
      return {token: forServiceBus ? token : `token-for-${asked.join('+')}`, expiresOnTimestamp: Date.now() + 3_600_000};
    },
  };
}

let bus: Bus;
beforeAll(async () => {
  bus = await startBus({bearerToken: TOKEN});
  bus.sb.seed({
    queues: [{name: 'audit-ingest', active: [{body: 'a'}, {body: 'b'}], deadLetter: sampleDeadLetters()}],
    topics: [{name: 'audit.appended.v1', subscriptions: [{name: 'projection', deadLetter: sampleDeadLetters().slice(0, 3)}]}],
  });
});
afterAll(async () => bus.close());

/** The source as the registry builds it for `namespace` (no connection string anywhere in its environment). */
function credentialSource(credential: TokenCredential): Promise<ServiceBusSource> {
  const context = busContext({namespace: bus.sb.fullyQualifiedNamespace, caFile: bus.caFile, ...FAST});
  return createServiceBusSource(context.sources['sb']!, {clock: systemClock(), context, env: {}, readOnly: false}, {credential});
}

const signal = () => AbortSignal.timeout(10_000);
const cbs = (from: number) => bus.sb.requests.slice(from).filter((r) => r.address === '$cbs');

// With tls/global-setup.ts, NODE_EXTRA_CA_CERTS trusts the test CA already; otherwise caFile must make AMQP trust it.
describe.runIf(canSetDefaultCa() || process.env[TEST_CA_DIR_ENV] !== undefined)('servicebus source: Azure credential for a namespace', () => {
  it('reads DLQ depth, peeks and replays over AMQP/TLS with jwt put-tokens and HTTPS with bearer tokens', async () => {
    const credential = fakeCredential(TOKEN);
    const [amqpFrom, adminFrom] = [bus.sb.requests.length, bus.sb.adminRequests.length];
    const source = await credentialSource(credential);
    try {
      expect(source.options.auth).toEqual({kind: 'credential', namespace: bus.sb.fullyQualifiedNamespace});
      expect(source.description).toBe(`Service Bus ${bus.sb.fullyQualifiedNamespace} (Azure credential, custom CA)`);
      const reading = await source.read('dlq', signal());
      expect(reading.partial).toBeUndefined();
      const byPath = new Map(reading.entities.map((e) => [e.entity, e]));
      expect(byPath.get('audit-ingest')).toMatchObject({kind: 'queue', active: 2, deadLetter: 8, transferDeadLetter: 0});
      expect(byPath.get('audit-ingest')?.reasons).toMatchObject({SerializationException: 2, MaxDeliveryCountExceeded: 2});
      expect(byPath.get('audit.appended.v1/Subscriptions/projection')).toMatchObject({
        deadLetter: 3,
        reasons: {MaxDeliveryCountExceeded: 1, TTLExpiredException: 1, SerializationException: 1},
      });

      const peeked = await source.capabilities.inspect!.peek('audit-ingest', {max: 20}, signal());
      expect(peeked.map((m) => m.messageId)).toEqual(bus.sb.entity('audit-ingest').deadLetter.map((m) => m.messageId));
      expect(peeked).toHaveLength(8);

      const ids = copyIdsOf(bus.sb.entity('audit-ingest').deadLetter);
      const {plan, outcome} = await replayAll(source, 'audit-ingest', {reason: 'SerializationException'});
      expect(plan.messages.map((m) => m.messageId)).toEqual(['msg-bin-1', 'msg-value-1']);
      expect(outcome).toEqual({replayed: 2, failed: 0, skipped: 0, stoppedEarly: false, errors: [], sentNotCompleted: []});
      const q = bus.sb.entity('audit-ingest');
      expect(q.deadLetter).toHaveLength(6);
      expect(conservation(ids, q.deadLetter, q.active.slice(2))).toMatchObject({lost: [], unmarked: 0, strangers: [], duplicates: 0, inDlq: 6, atTarget: 2});
    } finally {
      await source.close();
    }
    // The credential was asked for the Service Bus scope only; the double saw that token, and nothing else, on both paths.
    expect(credential.scopes.length).toBeGreaterThanOrEqual(2);
    expect(new Set(credential.scopes)).toEqual(new Set([SERVICE_BUS_SCOPE]));
    const admin = bus.sb.adminRequests.slice(adminFrom);
    expect(admin.length).toBeGreaterThanOrEqual(3);
    expect(admin.every((r) => r.auth === 'bearer' && r.status === 200)).toBe(true);
    const amqp = bus.sb.requests.slice(amqpFrom);
    expect(cbs(amqpFrom).length).toBeGreaterThanOrEqual(2);
    expect(cbs(amqpFrom).every((r) => r.operation === 'put-token' && r.tokenType === 'jwt' && r.status === 202)).toBe(true);
    expect(amqp.some((r) => r.operation === 'com.microsoft:peek-message')).toBe(true);
    expect(amqp.every((r) => r.encrypted)).toBe(true);
  });

  it('a credential whose token the namespace refuses: a prompt auth error from the listing and from a peek', async () => {
    const credential = fakeCredential('eyJ0eXAiOiJKV1QifQ.some-other-tenant.');
    const amqpFrom = bus.sb.requests.length;
    const deadLetters = bus.sb.entity('audit-ingest').deadLetter.length;
    const source = await credentialSource(credential);
    const started = Date.now();
    try {
      await expect(source.read('dlq', signal())).rejects.toMatchObject({
        name: 'SourceError',
        kind: 'auth',
        message: expect.stringMatching(
          /^listing queues and subscriptions on 127\.0\.0\.1:\d+: HTTP 401 InvalidToken: .*\(check the connection string or the Azure credential/,
        ),
      });
      await expect(source.capabilities.inspect!.peek('audit-ingest', {max: 5}, signal())).rejects.toMatchObject({
        name: 'SourceError',
        kind: 'auth',
        message: expect.stringMatching(/^peek audit-ingest\/\$DeadLetterQueue: .*InvalidToken: the jwt is not valid/),
      });
    } finally {
      await source.close();
    }
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(new Set(credential.scopes)).toEqual(new Set([SERVICE_BUS_SCOPE]));
    expect(cbs(amqpFrom).map((r) => [r.tokenType, r.status])).toContainEqual(['jwt', 401]);
    expect(bus.sb.entity('audit-ingest').deadLetter).toHaveLength(deadLetters);
  });

  it('the namespace in Entra ID mode refuses SAS: a connection string gets an auth error, not data', async () => {
    const amqpFrom = bus.sb.requests.length;
    const source = await busSource({...bus, env: {[CS_ENV]: bus.sb.tlsConnectionString}});
    try {
      await expect(source.read('dlq', signal())).rejects.toMatchObject({kind: 'auth', message: expect.stringContaining('HTTP 401 InvalidToken')});
      await expect(source.capabilities.inspect!.peek('audit-ingest', {max: 5}, signal())).rejects.toMatchObject({
        kind: 'auth',
        message: expect.stringContaining("expected an Entra ID token of type 'jwt'"),
      });
    } finally {
      await source.close();
    }
    expect(cbs(amqpFrom).map((r) => [r.tokenType, r.status])).toContainEqual(['servicebus.windows.net:sastoken', 401]);
  });
});
