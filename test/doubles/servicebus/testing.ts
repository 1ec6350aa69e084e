// Small helpers for tests that drive the real @azure/service-bus SDK against the double.
import {ServiceBusAdministrationClient, ServiceBusClient, type ServiceBusClientOptions} from '@azure/service-bus';
import {pipelineTlsOptions} from '../tls/trust.js';
import type {ServiceBusDouble} from './index.js';

/** Retry settings that keep failing tests fast (the SDK default waits 30 s between retries). */
export const FAST_RETRIES = {retryDelayInMs: 50, maxRetries: 2, timeoutInMs: 5000} as const;

/** A ServiceBusClient on the double's emulator connection string. */
export function sbClient(sb: ServiceBusDouble, options: ServiceBusClientOptions = {}): ServiceBusClient {
  return new ServiceBusClient(sb.connectionString, {retryOptions: FAST_RETRIES, ...options});
}

/** A ServiceBusAdministrationClient on the same connection string, trusting the double's CA. */
export function adminClient(sb: ServiceBusDouble, connectionString = sb.connectionString): ServiceBusAdministrationClient {
  return new ServiceBusAdministrationClient(connectionString, {
    tlsOptions: pipelineTlsOptions(sb.ca.caPem),
    retryOptions: {maxRetries: 0},
  });
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it returns true (or throws after `timeoutMs`). */
export async function waitFor(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('waitFor: condition not met in time');
    await sleep(10);
  }
}
