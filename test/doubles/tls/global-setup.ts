// Vitest globalSetup: one test CA per run, exported through NODE_EXTRA_CA_CERTS before workers fork.
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {createTestCa, TEST_CA_DIR_ENV} from './ca.js';

/**
 * Add to vitest.config.ts: `test: { globalSetup: ['test/doubles/tls/global-setup.ts'] }`.
 * Forked workers inherit both variables; Node reads NODE_EXTRA_CA_CERTS at worker start, and
 * `sharedTestCa()` reuses the same directory, so the doubles' certificates are trusted everywhere.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const ca = await createTestCa({keepFiles: true});
  if (!ca.dir || !ca.caFile) throw new Error('test CA files were not kept');
  const previous = process.env['NODE_EXTRA_CA_CERTS'];
  // NODE_EXTRA_CA_CERTS names one file: keep whatever bundle was already configured next to ours.
  const bundle = join(ca.dir, 'extra-ca-bundle.pem');
  const before = previous && existsSync(previous) ? readFileSync(previous, 'utf8') : '';
  writeFileSync(bundle, `${before}\n${ca.caPem}`);
  process.env[TEST_CA_DIR_ENV] = ca.dir;
  process.env['NODE_EXTRA_CA_CERTS'] = bundle;
  return async () => {
    delete process.env[TEST_CA_DIR_ENV];
    if (previous === undefined) delete process.env['NODE_EXTRA_CA_CERTS'];
    else process.env['NODE_EXTRA_CA_CERTS'] = previous;
    await ca.dispose();
  };
}
