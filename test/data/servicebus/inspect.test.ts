// Inspecting dead letters through the real SDK: sanitised, truncated, binary-safe; reason filter; read-only = peek only.
import {afterAll, afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import {ServiceBusClient} from '@azure/service-bus';
import {ReadOnlyError} from '../../../src/data/errors.js';
import {readOnlySource} from '../../../src/data/sources/read-only.js';
import type {DlqMessage} from '../../../src/data/sources/types.js';
import {sampleDeadLetters} from '../../doubles/servicebus/index.js';
import {busSource, control, startBus, type Bus} from './helpers.js';

let bus: Bus;
beforeAll(async () => {
  bus = await startBus();
  bus.sb.seed({
    queues: [{name: 'audit-ingest', deadLetter: sampleDeadLetters()}],
    topics: [{name: 'audit.appended.v1', subscriptions: [{name: 'projection', deadLetter: sampleDeadLetters().slice(0, 3)}, {name: 'search'}]}],
  });
});
afterAll(async () => bus.close());
afterEach(() => vi.restoreAllMocks());

const signal = () => AbortSignal.timeout(10_000);
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u001b]/;

function allText(m: DlqMessage): string[] {
  return [
    m.messageId,
    m.reason,
    m.description ?? '',
    m.contentType ?? '',
    m.correlationId ?? '',
    m.subject ?? '',
    m.sessionId ?? '',
    m.body.preview,
    ...Object.entries(m.properties).flatMap(([k, v]) => [k, String(v)]),
  ];
}

describe('servicebus source: inspect', () => {
  it('peeks the DLQ with reason, description, delivery count, enqueued time and properties; all text made safe', async () => {
    const source = await busSource(bus);
    try {
      const messages = await source.capabilities.inspect!.peek('audit-ingest', {max: 20}, signal());
      expect(messages.map((m) => m.reason)).toEqual([
        'MaxDeliveryCountExceeded',
        'TTLExpiredException',
        'SerializationException',
        'UnauthorizedException',
        'MessageLockLostException',
        'MaxDeliveryCountExceeded',
        'SerializationException',
        '(no reason)',
      ]);
      const [json, text, binary, hostile, session, , value] = messages;
      expect(json).toMatchObject({
        messageId: 'msg-json-1',
        correlationId: 'corr-1001',
        subject: 'audit.login',
        deliveryCount: 10,
        description: 'Message could not be consumed after 10 delivery attempts.',
        enqueuedAt: Date.parse('2025-01-15T09:52:00Z'),
        contentType: 'application/json',
        body: {kind: 'json', bytes: 61},
      });
      expect(json?.properties).toMatchObject({tenant: 'contoso', schemaVersion: 3, DeadLetterReason: 'MaxDeliveryCountExceeded'});
      expect(json?.body.preview).toContain('"auditId": "a-1001"');
      expect(text?.body).toEqual({kind: 'text', preview: 'plain text payload from a legacy producer', bytes: 41});
      expect(binary?.body).toEqual({kind: 'binary', preview: '<binary 7 bytes> 00 ff 10 80 7f 1b 5b', bytes: 7});
      expect(session).toMatchObject({sessionId: 'tenant-fabrikam', deliveryCount: 1});
      expect(value?.body).toMatchObject({kind: 'text', preview: 'value-section text (JMS TextMessage)'});
      expect(hostile).toMatchObject({
        body: {preview: 'audit event  then  cleared'},
        correlationId: 'corr-red',
        subject: 'audit',
        description: 'Tenant  is not authorized ',
      });
      for (const m of messages) for (const s of allText(m)) expect(s).not.toMatch(CONTROL);
    } finally {
      await source.close();
    }
  });

  it('filters by reason, scanning past the first page, and truncates long text', async () => {
    const many = Array.from({length: 300}, (_, i) => ({
      body: {i},
      messageId: `m-${i}`,
      deadLetterReason: i >= 290 ? 'SerializationException' : 'MaxDeliveryCountExceeded',
      applicationProperties: {blob: 'x'.repeat(5000)},
    }));
    bus.sb.seed({queues: [{name: 'big-dlq', deadLetter: many}]});
    const source = await busSource(bus);
    try {
      const all = await source.capabilities.inspect!.peek('big-dlq', {max: 300}, signal());
      expect(all).toHaveLength(300);
      expect(new Set(all.map((m) => m.sequenceNumber)).size).toBe(300);
      const late = await source.capabilities.inspect!.peek('big-dlq', {max: 5, reason: 'SerializationException'}, signal());
      expect(late.map((m) => m.messageId)).toEqual(['m-290', 'm-291', 'm-292', 'm-293', 'm-294']);
      expect(String(late[0]?.properties['blob']).length).toBeLessThanOrEqual(501);
      const sub = await source.capabilities.inspect!.peek('audit.appended.v1/Subscriptions/projection', {max: 10, reason: 'TTLExpiredException'}, signal());
      expect(sub.map((m) => m.messageId)).toEqual(['msg-text-1']);
    } finally {
      await source.close();
    }
  });

  it('pages until an empty answer: a short page is not the end (Service Bus may return fewer than asked)', async () => {
    // This double returns at most 3 messages per peek, as Service Bus may (per-request cap, partitioned entities).
    const capped = await startBus({maxPeekCount: 3});
    capped.sb.seed({queues: [{name: 'audit-ingest', deadLetter: sampleDeadLetters()}, {name: 'clean'}]});
    const source = await busSource(capped);
    try {
      const peeks = () => capped.sb.requests.filter((r) => r.operation === 'com.microsoft:peek-message');
      const all = await source.capabilities.inspect!.peek('audit-ingest', {max: 20}, signal());
      expect(all.map((m) => m.sequenceNumber)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      // 3 + 3 + 2 messages, then 204 No Content ends the scan.
      expect(peeks().map((r) => r.status)).toEqual([200, 200, 200, 204]);
      const noReason = await source.capabilities.inspect!.peek('audit-ingest', {max: 5, reason: '(no reason)'}, signal());
      expect(noReason.map((m) => m.messageId)).toEqual(['msg-noreason-1']);
      // An empty DLQ, or a reason nothing carries: an empty list, not an error.
      expect(await source.capabilities.inspect!.peek('clean', {max: 10}, signal())).toEqual([]);
      expect(await source.capabilities.inspect!.peek('audit-ingest', {max: 10, reason: 'NoSuchReason'}, signal())).toEqual([]);
    } finally {
      await source.close();
      await capped.close();
    }
  });

  it('read-only: reads and peeks, but never receives, locks or sends (checked on the double and on the SDK)', async () => {
    const createSender = vi.spyOn(ServiceBusClient.prototype, 'createSender');
    const receivers: {options: unknown; received: number}[] = [];
    const original = ServiceBusClient.prototype.createReceiver;
    vi.spyOn(ServiceBusClient.prototype, 'createReceiver').mockImplementation(function (this: ServiceBusClient, ...args: unknown[]) {
      const receiver = (original as (...a: unknown[]) => ReturnType<typeof original>).apply(this, args);
      const record = {options: args.at(-1), received: 0};
      receivers.push(record);
      for (const method of ['receiveMessages', 'subscribe', 'getMessageIterator', 'completeMessage', 'abandonMessage', 'renewMessageLock'] as const) {
        const fn = receiver[method] as (...a: unknown[]) => unknown;
        (receiver as unknown as Record<string, unknown>)[method] = (...a: unknown[]) => (record.received++, fn.apply(receiver, a));
      }
      return receiver;
    });
    const before = {requests: bus.sb.requests.length, sent: bus.sb.entity('audit-ingest').sentCount};
    const inner = await busSource(bus, {}, true);
    const source = readOnlySource(inner);
    try {
      const reading = await source.read('dlq', signal());
      expect(reading.entities.find((e) => e.entity === 'audit-ingest')?.reasons).toBeDefined();
      const row = reading.entities.find((e) => e.entity === 'audit.appended.v1/Subscriptions/projection')!;
      const messages = await source.capabilities.inspect!.peek(row.entity, {max: 10}, signal());
      expect(messages).toHaveLength(3);
      const target = source.capabilities.replay!.targets(row)[0]!;
      expect(target.reaches).toEqual(['audit.appended.v1/Subscriptions/projection', 'audit.appended.v1/Subscriptions/search']);
      const plan = {entity: row.entity, target, maxCount: 10, messages};
      await expect(source.capabilities.replay!.replay(plan, control())).rejects.toBeInstanceOf(ReadOnlyError);
      // Below the wrapper as well: the source itself refuses before creating any link.
      await expect(inner.capabilities.replay!.replay(plan, control())).rejects.toBeInstanceOf(ReadOnlyError);
      expect(inner.description).toContain('read-only: peek only');
    } finally {
      await source.close?.();
    }
    expect(createSender).not.toHaveBeenCalled();
    expect(receivers.length).toBeGreaterThan(0);
    expect(receivers.every((r) => r.received === 0)).toBe(true);
    const operations = new Set(bus.sb.requests.slice(before.requests).map((r) => r.operation));
    expect([...operations].sort()).toEqual(['com.microsoft:peek-message', 'put-token']);
    for (const path of ['audit-ingest', 'audit.appended.v1/Subscriptions/projection', 'audit.appended.v1/Subscriptions/search']) {
      const e = bus.sb.entity(path);
      expect(e.deadLetterQueue.stats.delivered + e.activeQueue.stats.delivered).toBe(0);
      expect(e.locked).toHaveLength(0);
    }
    expect(bus.sb.entity('audit-ingest').sentCount).toBe(before.sent);
    expect(bus.sb.topic('audit.appended.v1').sentCount).toBe(0);
    expect(bus.sb.entity('audit-ingest').deadLetter).toHaveLength(8);
  });
});
