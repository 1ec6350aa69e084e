// Ways to make the Azure SDKs (and rhea) trust a custom CA without NODE_EXTRA_CA_CERTS.
import tls from 'node:tls';

/** Shape accepted by `tlsOptions` of every @azure/core-rest-pipeline based client (admin, logs). */
export interface PipelineTlsOptions {
  ca: string[];
}

/**
 * Pipeline `tlsOptions` that trust `caPem` *in addition to* the bundled Mozilla roots
 * (a bare `ca` would replace them). Pass as `new ServiceBusAdministrationClient(cs, {tlsOptions})`
 * or `new LogsQueryClient(cred, {endpoint, tlsOptions})`.
 */
export function pipelineTlsOptions(caPem: string): PipelineTlsOptions {
  return {ca: [...tls.rootCertificates, caPem]};
}

/** True when this Node has `tls.setDefaultCACertificates` (v22.19+ / v24.5+). */
export function canSetDefaultCa(): boolean {
  return typeof (tls as {setDefaultCACertificates?: unknown}).setDefaultCACertificates === 'function';
}

/**
 * Adds `caPem` to the process-wide default trust store (affects every later tls.connect without
 * an explicit `ca`, including rhea's AMQP-over-TLS). Returns a function restoring the old store.
 */
export function trustCaProcessWide(caPem: string): () => void {
  const api = tls as unknown as {
    setDefaultCACertificates(certs: string[]): void;
    getCACertificates(type?: 'default' | 'system' | 'bundled' | 'extra'): string[];
  };
  if (!canSetDefaultCa()) throw new Error('tls.setDefaultCACertificates needs Node >= 22.19');
  const before = api.getCACertificates('default');
  api.setDefaultCACertificates([...before, caPem]);
  return () => api.setDefaultCACertificates(before);
}
