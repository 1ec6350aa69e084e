// Writes a kubeconfig that points kubectl / client-node at the double.
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';

/** Context/cluster/user name used in generated kubeconfigs. */
export const CONTEXT_NAME = 'atp-double';

/** Writes `<dir>/kubeconfig` for `url` (default namespace `namespace`) and returns its path. */
export function writeKubeconfig(dir: string, url: string, namespace = 'default'): string {
  mkdirSync(dir, {recursive: true});
  const path = join(dir, 'kubeconfig');
  const yaml = [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${CONTEXT_NAME}`,
    '  cluster:',
    `    server: ${url}`,
    // client-node 2.x refuses http:// servers unless skipTLSVerify is set ("HTTP protocol is not allowed
    // when skipTLSVerify is not set or false"); kubectl accepts it as well.
    '    insecure-skip-tls-verify: true',
    'contexts:',
    `- name: ${CONTEXT_NAME}`,
    '  context:',
    `    cluster: ${CONTEXT_NAME}`,
    `    user: ${CONTEXT_NAME}`,
    `    namespace: ${namespace}`,
    `current-context: ${CONTEXT_NAME}`,
    'preferences: {}',
    'users:',
    `- name: ${CONTEXT_NAME}`,
    '  user: {}',
    '',
  ].join('\n');
  writeFileSync(path, yaml, {mode: 0o600});
  return path;
}
