// Helm 3 release storage: Secrets of type helm.sh/release.v1 holding base64(gzip(release JSON)).
import {gunzipSync, gzipSync, constants} from 'node:zlib';
import type {KubeObject} from './types.js';

/** The fields of Helm's release.Release the cockpit reads. */
export interface HelmRelease {
  name: string;
  info: {
    first_deployed: string;
    last_deployed: string;
    deleted: string;
    description: string;
    status: 'deployed' | 'superseded' | 'failed' | 'pending-upgrade' | 'pending-rollback' | 'uninstalled';
    notes?: string;
  };
  chart: {
    metadata: {name: string; version: string; appVersion: string; apiVersion: string; description?: string; type?: string};
    templates?: Array<{name: string; data: string}>;
    values?: Record<string, unknown>;
  };
  config?: Record<string, unknown>;
  manifest?: string;
  version: number;
  namespace: string;
}

/** Helm's storage encoding: base64(gzip(json)) — the string Helm puts into Secret.data.release. */
export function encodeHelmRelease(rel: HelmRelease): string {
  return gzipSync(Buffer.from(JSON.stringify(rel)), {level: constants.Z_BEST_COMPRESSION}).toString('base64');
}

/**
 * Decodes `secret.data.release` as read from the API (the API's own base64 layer on top of Helm's
 * base64(gzip(json))). Also accepts Helm's inner string directly. Uncompressed payloads are accepted
 * as Helm does (magic-byte check).
 */
export function decodeHelmRelease(dataRelease: string): HelmRelease {
  let bytes = Buffer.from(dataRelease, 'base64');
  if (!(bytes[0] === 0x1f && bytes[1] === 0x8b) && bytes[0] !== 0x7b) bytes = Buffer.from(bytes.toString('utf8'), 'base64');
  const json = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  return JSON.parse(json.toString('utf8')) as HelmRelease;
}

/** Go's RFC3339Nano rendering of a time (Helm timestamps). */
export function goTime(d: Date): string {
  return d
    .toISOString()
    .replace(/(\.\d*?)0+Z$/, '$1Z')
    .replace(/\.Z$/, 'Z');
}

/** The release Secret (`sh.helm.release.v1.<name>.v<version>`) as Helm's secrets driver writes it. */
export function helmReleaseSecret(rel: HelmRelease, createdAt: Date): KubeObject {
  const unix = String(Math.floor(createdAt.getTime() / 1000));
  const labels: Record<string, string> = {createdAt: unix, name: rel.name, owner: 'helm', status: rel.info.status, version: String(rel.version)};
  if (rel.info.status === 'superseded') labels['modifiedAt'] = unix;
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {name: `sh.helm.release.v1.${rel.name}.v${rel.version}`, namespace: rel.namespace, labels},
    type: 'helm.sh/release.v1',
    data: {release: Buffer.from(encodeHelmRelease(rel)).toString('base64')},
  };
}
