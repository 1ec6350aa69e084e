// The DLQ pane from Service Bus: runtime properties (paged, 1,000 entities), bounded reason peeks, growth, errors.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Clock} from '../../../src/data/clock.js';
import {systemClock} from '../../../src/data/clock.js';
import {SourceError} from '../../../src/data/errors.js';
import {createServiceBusSource} from '../../../src/data/servicebus/source.js';
import {sampleDeadLetters} from '../../doubles/servicebus/index.js';
import {busContext, busSource, CS_ENV, FAST, startBus, type Bus} from './helpers.js';

let bus: Bus;
beforeAll(async () => {
  bus = await startBus();
  bus.sb.seed({
    queues: [{name: 'audit-ingest', active: [{body: 'a'}, {body: 'b'}], deadLetter: sampleDeadLetters(), transferDeadLetter: [{body: 't'}]}],
    topics: [
      {
        name: 'audit.appended.v1',
        subscriptions: [{name: 'projection', deadLetter: sampleDeadLetters().slice(0, 3)}, {name: 'search'}, {name: 'export', active: [{body: 'x'}]}],
      },
    ],
  });
});
afterAll(async () => bus.close());

const signal = () => AbortSignal.timeout(10_000);

describe('servicebus source: DLQ depth', () => {
  it('reads active, dead-letter and transfer dead-letter counts of every queue and subscription', async () => {
    const source = await busSource(bus, {consumers: {'audit.appended.v1/Subscriptions/projection': 'projection-worker'}});
    try {
      const reading = await source.read('dlq', signal());
      const byPath = new Map(reading.entities.map((e) => [e.entity, e]));
      expect(byPath.get('audit-ingest')).toMatchObject({kind: 'queue', active: 2, deadLetter: 8, transferDeadLetter: 1});
      expect(byPath.get('audit.appended.v1/Subscriptions/projection')).toMatchObject({
        kind: 'subscription',
        topic: 'audit.appended.v1',
        consumer: 'projection-worker',
        deadLetter: 3,
        active: 0,
        reasons: {MaxDeliveryCountExceeded: 1, TTLExpiredException: 1, SerializationException: 1},
      });
      expect(byPath.get('audit.appended.v1/Subscriptions/export')).toMatchObject({active: 1, deadLetter: 0, reasons: {}});
      expect(byPath.get('audit.appended.v1/Subscriptions/export')?.oldestAgeSeconds).toBeUndefined();
      const ingest = byPath.get('audit-ingest')!;
      expect(ingest.reasons).toEqual({
        MaxDeliveryCountExceeded: 2,
        TTLExpiredException: 1,
        SerializationException: 2,
        UnauthorizedException: 1,
        MessageLockLostException: 1,
        '(no reason)': 1,
      });
      // The oldest sample dead letter was enqueued 8 minutes before 2025-01-15T10:00Z.
      expect(ingest.oldestAgeSeconds! * 1000).toBeCloseTo(Date.now() - Date.parse('2025-01-15T09:52:00Z'), -4);
      expect(ingest.series).toHaveLength(1);
      expect(source.description).toMatch(/^Service Bus 127\.0\.0\.1:\d+ \(connection string from \$ATP_TEST_SERVICEBUS_CS, custom CA\)$/);
      expect(source.description).not.toContain('SAS_KEY_VALUE');
      // 1 page of queues, 1 of topics, 1 of the topic's subscriptions; 2 DLQs with dead letters peeked once each.
      expect(source.lastRefresh).toEqual({adminRequests: 3, peeks: 2});
      await source.read('dlq', signal());
      expect(source.lastRefresh).toEqual({adminRequests: 3, peeks: 0});
    } finally {
      await source.close();
    }
  });

  it('keeps its own depth history: a trend line and the growth per minute', async () => {
    let offset = 0;
    const real = systemClock();
    const clock: Clock = {...real, now: () => real.now() + offset};
    const context = busContext({connectionStringEnv: CS_ENV, caFile: bus.caFile, ...FAST});
    const source = await createServiceBusSource(context.sources['sb']!, {clock, context, env: bus.env, readOnly: false});
    try {
      bus.sb.seed({queues: [{name: 'growing', deadLetter: [{body: '1'}, {body: '2'}]}]});
      const first = (await source.read('dlq', signal())).entities.find((e) => e.entity === 'growing');
      expect(first?.growthPerMin).toBeUndefined();
      bus.sb.seed({queues: [{name: 'growing', deadLetter: Array.from({length: 10}, (_, i) => ({body: {i}}))}]});
      offset = 5 * 60_000;
      const later = (await source.read('dlq', signal())).entities.find((e) => e.entity === 'growing');
      expect(later?.deadLetter).toBe(12);
      expect(later?.growthPerMin).toBeCloseTo(2, 1);
      expect(later?.series?.map((s) => s.v)).toEqual([2, 12]);
      // A changed depth is re-peeked at once (reasons follow the new messages).
      expect(source.lastRefresh.peeks).toBeGreaterThanOrEqual(1);
    } finally {
      await source.close();
    }
  });

  it('pages 1,000 entities with a bounded number of admin requests, and peeks a bounded number of DLQs per refresh', async () => {
    const big = await startBus();
    try {
      for (let i = 0; i < 700; i++) big.sb.namespace.createQueue(`q-${String(i).padStart(4, '0')}`);
      for (const topic of ['t-a', 't-b']) for (let i = 0; i < 150; i++) big.sb.namespace.createSubscription(topic, `s-${String(i).padStart(3, '0')}`);
      const withDlq = Array.from({length: 20}, (_, i) => `q-${String(i * 30).padStart(4, '0')}`);
      big.sb.seed({queues: withDlq.map((name) => ({name, deadLetter: sampleDeadLetters().slice(0, 2)}))});
      const source = await busSource(big, {peekEntities: 8});
      try {
        const before = big.sb.adminRequests.length;
        const started = Date.now();
        const reading = await source.read('dlq', signal());
        const elapsed = Date.now() - started;
        expect(reading.entities).toHaveLength(1000);
        // ceil(700/100) queue pages + 1 topic page + ceil(150/100) x 2 subscription pages = 12 requests.
        expect(source.lastRefresh.adminRequests).toBe(12);
        expect(big.sb.adminRequests.length - before).toBe(12);
        expect(big.sb.adminRequests.every((r) => r.method === 'GET' && r.status === 200)).toBe(true);
        expect(elapsed).toBeLessThan(5_000);
        const peeked = () => reading.entities.filter((e) => e.reasons && Object.keys(e.reasons).length > 0).length;
        expect(peeked()).toBe(8);
        const peekRequests = () => big.sb.requests.filter((r) => r.operation === 'com.microsoft:peek-message').length;
        const p1 = peekRequests();
        expect(p1).toBe(8);
        await source.read('dlq', signal());
        await source.read('dlq', signal());
        expect(peekRequests()).toBe(20);
        const last = await source.read('dlq', signal());
        expect(peekRequests()).toBe(20);
        expect(last.entities.filter((e) => e.deadLetter > 0).every((e) => e.reasons?.MaxDeliveryCountExceeded === 1)).toBe(true);
      } finally {
        await source.close();
      }
    } finally {
      await big.close();
    }
  });

  it('says plainly when the key is wrong or no connection is configured', async () => {
    const wrong = await busSource({...bus, env: {[CS_ENV]: bus.sb.connectionString.replace('SAS_KEY_VALUE', 'WRONG')}});
    await expect(wrong.read('dlq', signal())).rejects.toMatchObject({
      name: 'SourceError',
      kind: 'auth',
      message: expect.stringMatching(
        /^listing queues and subscriptions on 127\.0\.0\.1:\d+: HTTP 401 InvalidSignature: .*\(UnauthorizedRequestError\) \(check the connection string/,
      ),
    });
    await wrong.close();
    await expect(busSource({...bus, env: {}})).rejects.toThrow(
      new SourceError('auth', `sources.sb: $${CS_ENV} is not set (it should hold the Service Bus connection string)`),
    );
    const context = busContext({});
    await expect(createServiceBusSource(context.sources['sb']!, {clock: systemClock(), context, env: {}, readOnly: false})).rejects.toThrow(
      /needs "namespace" \(for an Azure credential\) or a connection string in \$ATP_SERVICEBUS_CONNECTION_STRING/,
    );
  });
});
