// Drives the real @azure/service-bus SDK (AMQP + Atom admin) against the loopback Service Bus double.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ServiceBusClient, type ServiceBusReceivedMessage} from '@azure/service-bus';
import {HOSTILE_TEXT, sampleDeadLetters, startServiceBusDouble, type ServiceBusDouble} from './servicebus/index.js';
import {adminClient, FAST_RETRIES, sbClient, sleep} from './servicebus/testing.js';
import {canSetDefaultCa, trustCaProcessWide} from './tls/trust.js';

let sb: ServiceBusDouble;
let client: ServiceBusClient;

beforeAll(async () => {
  sb = await startServiceBusDouble();
  client = sbClient(sb);
});
afterAll(async () => {
  await client.close();
  await sb.close();
});

const noRenew = {maxAutoLockRenewalDurationInMs: 0};

async function sendTexts(queue: string, n: number): Promise<void> {
  await client.createSender(queue).sendMessages(Array.from({length: n}, (_, i) => ({body: `m${i}`, messageId: `${queue}-${i}`})));
}

describe('messaging over AMQP', () => {
  it('sends to a queue, receives in peek-lock with broker annotations, completes', async () => {
    sb.namespace.createQueue('orders');
    const sender = client.createSender('orders');
    await sender.sendMessages({body: {id: 1}, correlationId: 'c-1', subject: 's', applicationProperties: {tenant: 'contoso'}});
    await sender.sendMessages([{body: 'two'}, {body: Buffer.from([1, 2, 3])}]);
    expect(sb.entity('orders').active).toHaveLength(3);
    const rx = client.createReceiver('orders', noRenew);
    const msgs = await rx.receiveMessages(3, {maxWaitTimeInMs: 2000});
    expect(msgs.map((m) => Number(m.sequenceNumber))).toEqual([1, 2, 3]);
    expect(msgs.map((m) => m.body)).toEqual([{id: 1}, 'two', Buffer.from([1, 2, 3])]);
    const first = msgs[0] as ServiceBusReceivedMessage;
    expect(first).toMatchObject({correlationId: 'c-1', subject: 's', applicationProperties: {tenant: 'contoso'}, deliveryCount: 0});
    expect(first.lockToken).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.lockedUntilUtc!.getTime() - first.enqueuedTimeUtc!.getTime()).toBeGreaterThan(29_000);
    expect(sb.entity('orders').locked).toHaveLength(3);
    for (const m of msgs) await rx.completeMessage(m);
    expect(sb.entity('orders')).toMatchObject({sentCount: 3, active: []});
    expect(sb.entity('orders').activeQueue.stats.completed).toBe(3);
  });

  it('fans a topic send out to every subscription', async () => {
    sb.namespace.createSubscription('events', 'audit');
    sb.namespace.createSubscription('events', 'billing');
    await client.createSender('events').sendMessages([{body: 'e1'}, {body: 'e2'}]);
    expect(sb.topic('events').sentCount).toBe(2);
    const rx = client.createReceiver('events', 'audit', noRenew);
    const got = await rx.receiveMessages(2, {maxWaitTimeInMs: 2000});
    for (const m of got) await rx.completeMessage(m);
    expect(sb.entity('events/Subscriptions/audit').active).toHaveLength(0);
    expect(sb.entity('events/Subscriptions/billing').active.map((m) => m.body)).toEqual(['"e1"', '"e2"']);
  });

  it('abandon bumps deliveryCount and MaxDeliveryCount dead-letters', async () => {
    sb.namespace.createQueue('flaky', {maxDeliveryCount: 2});
    await sendTexts('flaky', 1);
    const rx = client.createReceiver('flaky', noRenew);
    const [a] = await rx.receiveMessages(1, {maxWaitTimeInMs: 2000});
    await rx.abandonMessage(a!, {attempt: 1});
    const [b] = await rx.receiveMessages(1, {maxWaitTimeInMs: 2000});
    expect(b).toMatchObject({deliveryCount: 1, applicationProperties: {attempt: 1}});
    await rx.abandonMessage(b!);
    const q = sb.entity('flaky');
    expect(q.active).toHaveLength(0);
    expect(q.deadLetter[0]).toMatchObject({deadLetterReason: 'MaxDeliveryCountExceeded', deliveryCount: 2});
  });

  it('dead-letters with reason/description and peeks the DLQ', async () => {
    sb.namespace.createQueue('payments');
    await client.createSender('payments').sendMessages({body: {amount: 5}, correlationId: 'corr-9', applicationProperties: {k: 'v'}});
    const rx = client.createReceiver('payments', noRenew);
    const [m] = await rx.receiveMessages(1, {maxWaitTimeInMs: 2000});
    await rx.deadLetterMessage(m!, {deadLetterReason: 'SerializationException', deadLetterErrorDescription: 'bad json', extra: 1});
    const [p] = await client.createReceiver('payments', {subQueueType: 'deadLetter'}).peekMessages(10);
    expect(p).toMatchObject({
      deadLetterReason: 'SerializationException',
      deadLetterErrorDescription: 'bad json',
      deliveryCount: 0,
      correlationId: 'corr-9',
      body: {amount: 5},
      applicationProperties: {k: 'v', extra: 1},
    });
    expect(p!.enqueuedTimeUtc!.getTime()).toBe(m!.enqueuedTimeUtc!.getTime());
    expect(Number(p!.sequenceNumber)).toBe(Number(m!.sequenceNumber));
    expect(sb.entity('payments')).toMatchObject({active: [], deadLetter: [expect.anything()]});
  });

  it('peeks seeded dead letters faithfully, page by page, on queues and subscriptions', async () => {
    sb.seed({
      queues: [{name: 'audit-ingest', deadLetter: sampleDeadLetters()}],
      topics: [{name: 'audit', subscriptions: [{name: 'archive', deadLetter: sampleDeadLetters().slice(0, 2)}]}],
    });
    const dlq = client.createReceiver('audit-ingest', {subQueueType: 'deadLetter', skipParsingBodyAsJson: true});
    const page1 = await dlq.peekMessages(5);
    const page2 = await dlq.peekMessages(5);
    const all = [...page1, ...page2];
    expect([page1.length, page2.length]).toEqual([5, 3]);
    // Past the end: 204 No Content, which the SDK turns into an empty page.
    expect(await dlq.peekMessages(5)).toEqual([]);
    expect(all.map((m) => m.deadLetterReason)).toEqual([
      'MaxDeliveryCountExceeded',
      'TTLExpiredException',
      'SerializationException',
      'UnauthorizedException',
      'MessageLockLostException',
      'MaxDeliveryCountExceeded',
      'SerializationException',
      undefined,
    ]);
    const hostile = all[3]!;
    expect((hostile.body as Buffer).toString('utf8')).toBe(HOSTILE_TEXT);
    expect(hostile.deadLetterErrorDescription).toContain('\x1b]0;pwned\x07');
    expect(all[2]!.body).toEqual(Buffer.from([0x00, 0xff, 0x10, 0x80, 0x7f, 0x1b, 0x5b]));
    expect(all[4]).toMatchObject({sessionId: 'tenant-fabrikam', partitionKey: 'tenant-fabrikam', deliveryCount: 1});
    expect(all[6]!.body).toBe('value-section text (JMS TextMessage)');
    expect(all[0]!.enqueuedTimeUtc?.toISOString()).toBe('2025-01-15T09:52:00.000Z');
    const sub = client.createReceiver('audit', 'archive', {subQueueType: 'deadLetter'});
    expect((await sub.peekMessages(10)).map((m) => m.messageId)).toEqual(['msg-json-1', 'msg-text-1']);
  });

  it('replays dead letters: DLQ peek-lock receive, faithful send, complete after accept', async () => {
    sb.seed({queues: [{name: 'replay-src', deadLetter: sampleDeadLetters().slice(0, 3)}]});
    sb.namespace.createQueue('replay-dst');
    const dlq = client.createReceiver('replay-src', {subQueueType: 'deadLetter', skipParsingBodyAsJson: true, ...noRenew});
    const sender = client.createSender('replay-dst');
    for (const m of await dlq.receiveMessages(10, {maxWaitTimeInMs: 1000})) {
      const props = Object.fromEntries(Object.entries(m.applicationProperties ?? {}).filter(([k]) => !k.startsWith('DeadLetter')));
      await sender.sendMessages({
        body: m.body,
        contentType: m.contentType,
        correlationId: m.correlationId,
        subject: m.subject,
        messageId: `replay-${String(m.messageId)}`,
        applicationProperties: props,
      });
      await dlq.completeMessage(m);
    }
    const src = sb.entity('replay-src');
    const dst = sb.entity('replay-dst');
    expect([src.deadLetter.length, dst.active.length]).toEqual([0, 3]);
    const original = sampleDeadLetters()[2]!;
    expect(dst.active[2]!.bodyBytes).toEqual(original.body);
    expect(dst.active[0]!.applicationProperties).toEqual({tenant: 'contoso', schemaVersion: 3});
  });
});

describe('flow control and empty answers, as Service Bus gives them', () => {
  const seqs = (ms: readonly ServiceBusReceivedMessage[]): number[] => ms.map((m) => Number(m.sequenceNumber));
  const range = (from: number, n: number): number[] => Array.from({length: n}, (_, i) => from + i);

  it('peeking an empty DLQ returns [] (204 No Content under statusCode), on a queue and on a subscription', async () => {
    sb.namespace.createQueue('no-dead-letters');
    sb.namespace.createSubscription('quiet', 'sub');
    const before = sb.requests.length;
    expect(await client.createReceiver('no-dead-letters', {subQueueType: 'deadLetter'}).peekMessages(10)).toEqual([]);
    expect(await client.createReceiver('quiet', 'sub', {subQueueType: 'deadLetter'}).peekMessages(10)).toEqual([]);
    // An active queue that is not empty still answers 204 once the peek starts past its last message.
    await sendTexts('no-dead-letters', 2);
    const active = client.createReceiver('no-dead-letters');
    expect(seqs(await active.peekMessages(10))).toEqual([1, 2]);
    expect(await active.peekMessages(10)).toEqual([]);
    const peeks = sb.requests.slice(before).filter((r) => r.operation === 'com.microsoft:peek-message');
    expect(peeks.map((r) => [r.address, r.status])).toEqual([
      ['no-dead-letters/$DeadLetterQueue/$management', 204],
      ['quiet/Subscriptions/sub/$DeadLetterQueue/$management', 204],
      ['no-dead-letters/$management', 200],
      ['no-dead-letters/$management', 204],
    ]);
  });

  it('receiveMessages(10) on a queue of 30 returns 10 and locks only those; the other 20 stay available', async () => {
    sb.namespace.createQueue('thirty');
    await sendTexts('thirty', 30);
    const q = sb.entity('thirty');
    const rx = client.createReceiver('thirty', noRenew);
    const first = await rx.receiveMessages(10, {maxWaitTimeInMs: 2000});
    expect(seqs(first)).toEqual(range(1, 10));
    await sleep(200); // anything sent beyond the link credit would have arrived (and been locked) by now
    expect(q.locked.map((m) => m.sequenceNumber)).toEqual(range(1, 10));
    expect(q.activeQueue.available().map((m) => m.sequenceNumber)).toEqual(range(11, 20));
    expect(q.activeQueue.stats.delivered).toBe(10);
    // The next receive gets the next ten, locked when they are delivered.
    const asked = Date.now();
    const second = await rx.receiveMessages(10, {maxWaitTimeInMs: 2000});
    expect(seqs(second)).toEqual(range(11, 10));
    for (const m of second) expect(m.lockedUntilUtc!.getTime()).toBeGreaterThanOrEqual(asked + 29_000);
    expect(q.locked).toHaveLength(20);
    for (const m of [...first, ...second]) await rx.completeMessage(m);
    expect(q.active.map((m) => m.sequenceNumber)).toEqual(range(21, 10));
    expect(q.locked).toHaveLength(0);
  });

  it('a drained link gets nothing more: messages arriving after a short receive wait for the next one', async () => {
    sb.namespace.createQueue('drained');
    await sendTexts('drained', 3);
    const rx = client.createReceiver('drained', noRenew);
    expect(await rx.receiveMessages(10, {maxWaitTimeInMs: 300})).toHaveLength(3);
    await client.createSender('drained').sendMessages([{body: 'late-1'}, {body: 'late-2'}]);
    await sleep(200);
    const q = sb.entity('drained');
    expect(q.locked).toHaveLength(3);
    expect(q.activeQueue.available().map((m) => m.body)).toEqual(['"late-1"', '"late-2"']);
    expect((await rx.receiveMessages(10, {maxWaitTimeInMs: 300})).map((m) => m.body)).toEqual(['late-1', 'late-2']);
  });

  it('receive-and-delete removes only what the credit allowed: 10 received, 20 still in the queue', async () => {
    sb.namespace.createQueue('rad-thirty');
    await sendTexts('rad-thirty', 30);
    const rx = client.createReceiver('rad-thirty', {receiveMode: 'receiveAndDelete'});
    expect(seqs(await rx.receiveMessages(10, {maxWaitTimeInMs: 2000}))).toEqual(range(1, 10));
    await sleep(200);
    expect(sb.entity('rad-thirty').active.map((m) => m.sequenceNumber)).toEqual(range(11, 20));
  });

  it('a streaming receiver never holds more locks than the credit it grants (maxConcurrentCalls)', async () => {
    sb.namespace.createQueue('streamed');
    await sendTexts('streamed', 30);
    const q = sb.entity('streamed');
    const rx = client.createReceiver('streamed', noRenew);
    const lockedSeen: number[] = [];
    let done!: () => void;
    const all = new Promise<void>((resolve) => (done = resolve));
    const sub = rx.subscribe(
      {
        processMessage: async (m) => {
          lockedSeen.push(q.locked.length);
          await sleep(5);
          await rx.completeMessage(m);
          if (lockedSeen.length === 30) done();
        },
        processError: async () => {},
      },
      {maxConcurrentCalls: 2, autoCompleteMessages: false},
    );
    await all;
    await sub.close();
    expect(Math.max(...lockedSeen)).toBeLessThanOrEqual(2);
    expect(q.active).toHaveLength(0);
    expect(q.activeQueue.stats).toMatchObject({delivered: 30, completed: 30, locksExpired: 0});
  });
});

describe('locks', () => {
  it('renews a lock through $management', async () => {
    sb.namespace.createQueue('renew', {lockDurationMs: 1500});
    await sendTexts('renew', 1);
    const rx = client.createReceiver('renew', noRenew);
    const [m] = await rx.receiveMessages(1, {maxWaitTimeInMs: 2000});
    const before = m!.lockedUntilUtc!.getTime();
    await sleep(1000);
    const after = await rx.renewMessageLock(m!);
    expect(after.getTime()).toBeGreaterThan(before + 500);
    await sleep(800);
    await rx.completeMessage(m!);
    expect(sb.requests.some((r) => r.operation === 'com.microsoft:renew-lock' && r.status === 200)).toBe(true);
  });

  it('an expired lock returns the message and settling it fails with MessageLockLost', async () => {
    sb.namespace.createQueue('short-lock', {lockDurationMs: 300});
    await sendTexts('short-lock', 1);
    const rx = client.createReceiver('short-lock', noRenew);
    const [m] = await rx.receiveMessages(1, {maxWaitTimeInMs: 2000});
    await sleep(450);
    await expect(rx.completeMessage(m!)).rejects.toMatchObject({code: 'MessageLockLost'});
    await expect(rx.renewMessageLock(m!)).rejects.toMatchObject({code: 'MessageLockLost'});
    const q = sb.entity('short-lock');
    expect(q.active[0]).toMatchObject({deliveryCount: 1, isLocked: false});
    expect(q.activeQueue.stats.locksExpired).toBe(1);
    const [again] = await rx.receiveMessages(1, {maxWaitTimeInMs: 2000});
    expect(again!.deliveryCount).toBe(1);
    await rx.completeMessage(again!);
  });

  it('expireLocks() (fault) makes the next settlement fail', async () => {
    sb.namespace.createQueue('expire-now');
    await sendTexts('expire-now', 2);
    const rx = client.createReceiver('expire-now', noRenew);
    const msgs = await rx.receiveMessages(2, {maxWaitTimeInMs: 2000});
    expect(sb.expireLocks('expire-now')).toBe(2);
    await expect(rx.deadLetterMessage(msgs[0]!)).rejects.toMatchObject({code: 'MessageLockLost'});
    expect(sb.entity('expire-now').active.map((m) => m.deliveryCount)).toEqual([1, 1]);
  });
});

describe('faults', () => {
  it('refuses the k-th send with a rejected outcome', async () => {
    sb.namespace.createQueue('refuse');
    const fault = sb.faults.rejectSend('refuse', {nth: 2});
    const sender = client.createSender('refuse');
    await sender.sendMessages({body: 1});
    await expect(sender.sendMessages({body: 2})).rejects.toMatchObject({code: 'QuotaExceeded'});
    await sender.sendMessages({body: 3});
    expect(fault.fired).toBe(1);
    expect(sb.entity('refuse')).toMatchObject({sentCount: 2, rejectedSendCount: 1});
  });

  it('drops the connection after N deliveries; undelivered messages stay, delivered ones stay locked', async () => {
    sb.namespace.createQueue('midbatch');
    await sendTexts('midbatch', 5);
    sb.faults.dropConnectionAfterDeliveries('midbatch', 2);
    const rx = client.createReceiver('midbatch', noRenew);
    await expect(rx.receiveMessages(5, {maxWaitTimeInMs: 2000})).rejects.toThrow();
    const q = sb.entity('midbatch');
    expect(q.locked.map((m) => m.messageId)).toEqual(['midbatch-0', 'midbatch-1']);
    const rest = await rx.receiveMessages(5, {maxWaitTimeInMs: 2000});
    expect(rest.map((m) => m.messageId)).toEqual(['midbatch-2', 'midbatch-3', 'midbatch-4']);
    for (const m of rest) await rx.completeMessage(m);
    sb.expireLocks('midbatch');
    const back = await rx.receiveMessages(5, {maxWaitTimeInMs: 2000});
    expect(back.map((m) => [m.messageId, m.deliveryCount])).toEqual([
      ['midbatch-0', 1],
      ['midbatch-1', 1],
    ]);
  });

  it('settles through $management update-disposition after the link dropped', async () => {
    sb.namespace.createQueue('mgmt-settle');
    await sendTexts('mgmt-settle', 2);
    const rx = client.createReceiver('mgmt-settle', noRenew);
    const msgs = await rx.receiveMessages(2, {maxWaitTimeInMs: 2000});
    await sb.dropAllConnections();
    await sleep(200); // let the SDK see the disconnect; before that it still settles on the dead link
    for (const m of msgs) await rx.completeMessage(m);
    expect(sb.entity('mgmt-settle').active).toHaveLength(0);
    expect(sb.requests.filter((r) => r.operation === 'com.microsoft:update-disposition' && r.address === 'mgmt-settle/$management')).toHaveLength(2);
  });

  it('drops the connection after a send: accepted, or in doubt (SDK retry duplicates unless dedup)', async () => {
    // Reuse one sender: a *new* link attaching while the socket dies stalls the SDK until its timeout.
    const quick = sbClient(sb, {retryOptions: {...FAST_RETRIES, timeoutInMs: 1500}});
    sb.namespace.createQueue('drop-send');
    sb.namespace.createQueue('in-doubt');
    sb.namespace.createQueue('in-doubt-dedup', {requiresDuplicateDetection: true});
    sb.faults.dropConnectionAfterSends('drop-send', 1);
    const sender = quick.createSender('drop-send');
    await sender.sendMessages({body: 'x', messageId: 'd-1'});
    await sender.sendMessages({body: 'y', messageId: 'd-2'});
    expect(sb.entity('drop-send').active.map((m) => m.messageId)).toEqual(['d-1', 'd-2']);
    for (const name of ['in-doubt', 'in-doubt-dedup']) {
      sb.faults.dropConnectionAfterSends(name, 1, {inDoubt: true});
      const s = quick.createSender(name);
      await s.sendMessages({body: 'z', messageId: 'same-id'});
    }
    expect(sb.entity('in-doubt').active).toHaveLength(2);
    expect(sb.entity('in-doubt-dedup')).toMatchObject({duplicateCount: 1, active: [expect.anything()]});
    await quick.close();
  });
});

describe('other receive paths and errors', () => {
  it('receive-and-delete removes on delivery', async () => {
    sb.namespace.createQueue('rad');
    await sendTexts('rad', 2);
    const rx = client.createReceiver('rad', {receiveMode: 'receiveAndDelete'});
    const got = await rx.receiveMessages(2, {maxWaitTimeInMs: 2000});
    expect(got.map((m) => m.lockToken)).toEqual([undefined, undefined]);
    expect(sb.entity('rad').active).toHaveLength(0);
  });

  it('defers, receives by sequence number and completes via $management', async () => {
    sb.namespace.createQueue('deferred');
    await sendTexts('deferred', 1);
    const rx = client.createReceiver('deferred', noRenew);
    const [m] = await rx.receiveMessages(1, {maxWaitTimeInMs: 2000});
    await rx.deferMessage(m!);
    expect(sb.entity('deferred').active[0]?.state).toBe('deferred');
    expect(await rx.receiveMessages(1, {maxWaitTimeInMs: 300})).toHaveLength(0);
    const [d] = await rx.receiveDeferredMessages([m!.sequenceNumber!]);
    expect(d).toMatchObject({messageId: 'deferred-0', state: 'deferred'});
    await rx.completeMessage(d!);
    expect(sb.entity('deferred').active).toHaveLength(0);
  });

  it('unknown entities fail with MessagingEntityNotFound; a wrong key with UnauthorizedAccess', async () => {
    await expect(client.createSender('nope').sendMessages({body: 1})).rejects.toMatchObject({code: 'MessagingEntityNotFound'});
    const bad = new ServiceBusClient(sb.connectionString.replace('SAS_KEY_VALUE', 'WRONG'), {retryOptions: {maxRetries: 0}});
    await expect(bad.createSender('orders').sendMessages({body: 1})).rejects.toMatchObject({code: 'UnauthorizedAccess'});
    await bad.close();
  });

  it.runIf(canSetDefaultCa())('speaks AMQP over TLS when the emulator flag is absent', async () => {
    const restore = trustCaProcessWide(sb.ca.caPem);
    const tlsClient = new ServiceBusClient(sb.tlsConnectionString, {retryOptions: FAST_RETRIES});
    try {
      sb.namespace.createQueue('tls-q');
      await tlsClient.createSender('tls-q').sendMessages({body: 'secure'});
      expect(sb.entity('tls-q').active[0]?.body).toBe('"secure"');
    } finally {
      await tlsClient.close();
      restore();
    }
  });
});

describe('administration (Atom over HTTPS)', () => {
  it('lists 1,000 queues with runtime properties, 100 per page', async () => {
    const big = await startServiceBusDouble();
    try {
      for (let i = 0; i < 1000; i++) big.namespace.createQueue(`q-${String(i).padStart(4, '0')}`);
      big.seed({queues: [{name: 'q-0500', active: [{body: 'a'}], deadLetter: sampleDeadLetters().slice(0, 2)}]});
      const admin = adminClient(big);
      const pages: number[] = [];
      const names: string[] = [];
      for await (const page of admin.listQueuesRuntimeProperties().byPage({maxPageSize: 100})) {
        pages.push(page.length);
        names.push(...page.map((q) => q.name));
        const hit = page.find((q) => q.name === 'q-0500');
        if (hit) expect(hit).toMatchObject({activeMessageCount: 1, deadLetterMessageCount: 2, totalMessageCount: 3});
      }
      expect(pages).toEqual(Array.from({length: 10}, () => 100));
      expect(new Set(names).size).toBe(1000);
      let all = 0;
      for await (const q of admin.listQueues()) all += q.name.startsWith('q-') ? 1 : 0;
      expect(all).toBe(1000);
      expect(big.adminRequests.every((r) => r.auth === 'sas' && r.status === 200)).toBe(true);
      expect(big.adminRequests.slice(0, 10).map((r) => r.query['$skip'])).toEqual([undefined, '100', '200', '300', '400', '500', '600', '700', '800', '900']);
    } finally {
      await big.close();
    }
  });

  it('reports count details and metadata for queues, topics and subscriptions', async () => {
    sb.seed({
      queues: [{name: 'counted', active: [{body: 'a'}, {body: 'b'}, {body: 'c'}], deadLetter: [{body: 'd'}, {body: 'e'}], transferDeadLetter: [{body: 'f'}]}],
      topics: [{name: 'fanout', subscriptions: Array.from({length: 150}, (_, i) => ({name: `s${i}`}))}],
    });
    sb.seed({topics: [{name: 'fanout', subscriptions: [{name: 's7', deadLetter: [{body: 'x'}]}]}]});
    const admin = adminClient(sb);
    const q = await admin.getQueueRuntimeProperties('counted');
    expect(q).toMatchObject({activeMessageCount: 3, deadLetterMessageCount: 2, transferDeadLetterMessageCount: 1, totalMessageCount: 6});
    expect(q.sizeInBytes).toBeGreaterThan(0);
    expect(q.createdAt).toBeInstanceOf(Date);
    expect(await admin.getQueue('counted')).toMatchObject({lockDuration: 'PT30S', maxDeliveryCount: 10});
    const subs: string[] = [];
    for await (const s of admin.listSubscriptionsRuntimeProperties('fanout')) subs.push(s.subscriptionName);
    expect(subs).toHaveLength(150);
    expect(await admin.getSubscriptionRuntimeProperties('fanout', 's7')).toMatchObject({deadLetterMessageCount: 1, topicName: 'fanout'});
    const topics: string[] = [];
    for await (const t of admin.listTopicsRuntimeProperties()) topics.push(t.name);
    expect(topics).toContain('fanout');
  });

  it('answers unknown entities and bad signatures like Service Bus', async () => {
    const admin = adminClient(sb);
    await expect(admin.getQueueRuntimeProperties('missing')).rejects.toMatchObject({code: 'MessageEntityNotFoundError'});
    const wrong = adminClient(sb, sb.connectionString.replace('SAS_KEY_VALUE', 'WRONG'));
    await expect(wrong.getQueueRuntimeProperties('counted')).rejects.toMatchObject({statusCode: 401, code: 'UnauthorizedRequestError'});
  });
});
