// Builds the AMQP client and the administration (Atom over HTTPS) client from the settled options.
import tls from 'node:tls';
import {ServiceBusAdministrationClient, ServiceBusClient} from '@azure/service-bus';
import type {TokenCredential} from '@azure/core-auth';
import type {ServiceBusOptions} from './config.js';

/** The two SDK clients a source uses. */
export interface ServiceBusClients {
  readonly client: ServiceBusClient;
  readonly admin: ServiceBusAdministrationClient;
  /** How a custom CA reaches AMQP over TLS (for the description). */
  readonly caNote?: string;
  /**
   * A new AMQP client on its own connection, for one replay: no SDK retries (a retried send whose first attempt was
   * cut off becomes a duplicate), so every failure reaches the replay engine, which reconnects and looks (issue 15).
   */
  replayClient(): ServiceBusClient;
}

type DefaultCaApi = {
  setDefaultCACertificates?(certs: string[]): void;
  getCACertificates?(type?: 'default'): string[];
};

/**
 * Trusts `pem` for every later TLS connection of this process. AMQP's client (rhea) takes no CA option, so this
 * is the only way short of NODE_EXTRA_CA_CERTS; needs Node 22.19+ (`tls.setDefaultCACertificates`).
 */
export function trustProcessWide(pem: string): boolean {
  const api = tls as unknown as DefaultCaApi;
  if (typeof api.setDefaultCACertificates !== 'function' || typeof api.getCACertificates !== 'function') return false;
  const current = api.getCACertificates('default');
  if (!current.includes(pem)) api.setDefaultCACertificates([...current, pem]);
  return true;
}

/** The Azure credential used without a connection string (loaded on demand: @azure/identity is large). */
async function defaultCredential(): Promise<TokenCredential> {
  const {DefaultAzureCredential} = await import('@azure/identity');
  return new DefaultAzureCredential();
}

/** Creates both clients; `credential` replaces DefaultAzureCredential (tests). */
export async function createClients(options: ServiceBusOptions, credential?: TokenCredential): Promise<ServiceBusClients> {
  const retryOptions = {
    maxRetries: options.retries,
    retryDelayInMs: options.retryDelayMs,
    maxRetryDelayInMs: Math.max(options.retryDelayMs, 5_000),
    timeoutInMs: options.timeoutMs,
  };
  const adminOptions = {
    retryOptions: {maxRetries: options.retries, retryDelayInMs: options.retryDelayMs, maxRetryDelayInMs: Math.max(options.retryDelayMs, 5_000)},
    // A bare `ca` would replace the public roots; keep them and add the private CA.
    ...(options.ca ? {tlsOptions: {ca: [...tls.rootCertificates, options.ca]}} : {}),
  };
  let caNote: string | undefined;
  if (options.ca) caNote = trustProcessWide(options.ca) ? 'custom CA' : 'custom CA (HTTPS only: set NODE_EXTRA_CA_CERTS for AMQP on Node < 22.19)';
  const replayRetries = {maxRetries: 0, timeoutInMs: options.timeoutMs};
  if (options.auth.kind === 'connection-string') {
    const {connectionString} = options.auth;
    return {
      client: new ServiceBusClient(connectionString, {retryOptions}),
      admin: new ServiceBusAdministrationClient(connectionString, adminOptions),
      caNote,
      replayClient: () => new ServiceBusClient(connectionString, {retryOptions: replayRetries}),
    };
  }
  const cred = credential ?? (await defaultCredential());
  const {namespace} = options.auth;
  return {
    client: new ServiceBusClient(namespace, cred, {retryOptions}),
    admin: new ServiceBusAdministrationClient(namespace, cred, adminOptions),
    caNote,
    replayClient: () => new ServiceBusClient(namespace, cred, {retryOptions: replayRetries}),
  };
}
