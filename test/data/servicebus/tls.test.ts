// AMQP over TLS with a private CA: without `caFile` the peek fails as a TLS error; with it the source trusts the CA
// process-wide (tls.setDefaultCACertificates) and peeks. Own file: the trust it adds lasts for the whole process.
import {afterAll, beforeAll, expect, it} from 'vitest';
import {sampleDeadLetters} from '../../doubles/servicebus/index.js';
import {TEST_CA_DIR_ENV} from '../../doubles/tls/ca.js';
import {canSetDefaultCa} from '../../doubles/tls/trust.js';
import {busSource, CS_ENV, startBus, type Bus} from './helpers.js';

let bus: Bus;
beforeAll(async () => {
  bus = await startBus();
  bus.sb.seed({queues: [{name: 'audit-ingest', deadLetter: sampleDeadLetters().slice(0, 3)}]});
});
afterAll(async () => bus.close());

// With tls/global-setup.ts, NODE_EXTRA_CA_CERTS already trusts the test CA everywhere: nothing to prove then.
it.runIf(canSetDefaultCa() && process.env[TEST_CA_DIR_ENV] === undefined)('caFile makes AMQP over TLS trust the private CA', async () => {
  const env = {[CS_ENV]: bus.sb.tlsConnectionString};
  const untrusted = await busSource({...bus, env}, {caFile: undefined, retries: 0, timeout: 2});
  try {
    await expect(untrusted.capabilities.inspect!.peek('audit-ingest', {max: 5}, AbortSignal.timeout(10_000))).rejects.toMatchObject({
      kind: 'tls',
      message: expect.stringContaining('(a private CA? set caFile)'),
    });
  } finally {
    await untrusted.close();
  }
  const trusted = await busSource({...bus, env});
  try {
    expect(trusted.description).toContain(', custom CA)');
    const messages = await trusted.capabilities.inspect!.peek('audit-ingest', {max: 5}, AbortSignal.timeout(10_000));
    expect(messages.map((m) => m.messageId)).toEqual(['msg-json-1', 'msg-text-1', 'msg-bin-1']);
  } finally {
    await trusted.close();
  }
});
