// A varied set of dead letters for cockpit tests: reasons, body kinds, hostile text, sessions.
import type {SeedMessage} from './seed.js';

/** Dead-letter reasons seen in ATP. `MaxDeliveryCountExceeded` is what Service Bus itself writes. */
export const DEAD_LETTER_REASONS = [
  'MaxDeliveryCountExceeded',
  'TTLExpiredException',
  'MessageLockLostException',
  'UnauthorizedException',
  'SerializationException',
] as const;

/** Text containing terminal escape sequences (OSC title change, clear screen). */
export const HOSTILE_TEXT = 'audit event \x1b]0;pwned\x07 then \x1b[2J cleared';

/** Eight dead letters covering every reason and body kind; enqueued one minute apart ending `now`. */
export function sampleDeadLetters(now = new Date('2025-01-15T10:00:00Z')): SeedMessage[] {
  const at = (minutesAgo: number): Date => new Date(now.getTime() - minutesAgo * 60_000);
  return [
    {
      body: {auditId: 'a-1001', tenant: 'contoso', action: 'user.login'},
      messageId: 'msg-json-1',
      correlationId: 'corr-1001',
      subject: 'audit.login',
      deliveryCount: 10,
      enqueuedTime: at(8),
      applicationProperties: {tenant: 'contoso', schemaVersion: 3},
      deadLetterReason: 'MaxDeliveryCountExceeded',
      deadLetterErrorDescription: 'Message could not be consumed after 10 delivery attempts.',
    },
    {
      body: 'plain text payload from a legacy producer',
      messageId: 'msg-text-1',
      correlationId: 'corr-1002',
      enqueuedTime: at(7),
      deadLetterReason: 'TTLExpiredException',
      deadLetterErrorDescription: 'The message expired and was dead lettered.',
    },
    {
      body: Buffer.from([0x00, 0xff, 0x10, 0x80, 0x7f, 0x1b, 0x5b]),
      messageId: 'msg-bin-1',
      contentType: 'application/octet-stream',
      enqueuedTime: at(6),
      deliveryCount: 3,
      deadLetterReason: 'SerializationException',
      deadLetterErrorDescription: "Unexpected character encountered while parsing value: \u0000. Path '', line 0.",
      applicationProperties: {producer: 'ingest-gw'},
    },
    {
      body: HOSTILE_TEXT,
      messageId: 'msg-hostile-1',
      correlationId: 'corr-\x1b[31mred',
      subject: 'audit\x1b]0;x\x07',
      enqueuedTime: at(5),
      deadLetterReason: 'UnauthorizedException',
      deadLetterErrorDescription: 'Tenant \x1b[2J is not authorized \x1b]0;pwned\x07',
      applicationProperties: {note: '\x1b]0;pwned\x07'},
    },
    {
      body: {auditId: 'a-1005', action: 'export.run'},
      messageId: 'msg-session-1',
      sessionId: 'tenant-fabrikam',
      partitionKey: 'tenant-fabrikam',
      correlationId: 'corr-1005',
      enqueuedTime: at(4),
      deliveryCount: 1,
      deadLetterReason: 'MessageLockLostException',
      deadLetterErrorDescription: 'Lock expired during processing.',
      applicationProperties: {tenant: 'fabrikam', retry: true},
    },
    {
      body: {auditId: 'a-1006', action: 'policy.update'},
      messageId: 'msg-session-2',
      sessionId: 'tenant-fabrikam',
      partitionKey: 'tenant-fabrikam',
      enqueuedTime: at(3),
      deadLetterReason: 'MaxDeliveryCountExceeded',
      deadLetterErrorDescription: 'Message could not be consumed after 10 delivery attempts.',
      deliveryCount: 10,
    },
    {
      body: 'value-section text (JMS TextMessage)',
      bodyAsAmqpValue: true,
      messageId: 'msg-value-1',
      enqueuedTime: at(2),
      deadLetterReason: 'SerializationException',
      deadLetterErrorDescription: 'Not JSON.',
    },
    {
      body: {auditId: 'a-1008'},
      messageId: 'msg-noreason-1',
      enqueuedTime: at(1),
      applicationProperties: {manual: true},
    },
  ];
}
