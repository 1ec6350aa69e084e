// Throwaway test CA + server certificate for loopback HTTPS/TLS doubles, made with the openssl CLI.
import {execFile} from 'node:child_process';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {existsSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';

const run = promisify(execFile);

/** Env var naming a directory that already holds ca.crt/server.crt/server.key (set by global-setup.ts). */
export const TEST_CA_DIR_ENV = 'ATP_TEST_CA_DIR';

/** PEM material of a test CA and a server certificate it signed (SAN: localhost, 127.0.0.1, ::1). */
export interface TestCa {
  /** Directory with ca.crt/server.crt/server.key, only while the files are kept (`keepFiles`). */
  readonly dir: string | undefined;
  /** Path of ca.crt (for NODE_EXTRA_CA_CERTS / a "custom CA file" option), only while kept. */
  readonly caFile: string | undefined;
  readonly caPem: string;
  readonly certPem: string;
  readonly keyPem: string;
  /** Deletes the kept directory (no-op otherwise). */
  dispose(): Promise<void>;
}

/** Options: extra subjectAltNames (e.g. `DNS:atp.example.test`); keep the files on disk. */
export interface CreateTestCaOptions {
  readonly extraSubjectAltNames?: readonly string[];
  /** Keep the PEM files in the temp dir (default false: read into memory, dir deleted at once). */
  readonly keepFiles?: boolean;
}

async function openssl(args: readonly string[], cwd: string): Promise<void> {
  await run('openssl', [...args], {cwd});
}

/** Generates a fresh CA and server cert (EC P-256, valid 2 days) with openssl; ~50 ms. */
export async function createTestCa(options: CreateTestCaOptions = {}): Promise<TestCa> {
  const dir = await mkdtemp(join(tmpdir(), 'atp-test-ca-'));
  try {
    return await generate(dir, options);
  } finally {
    if (!options.keepFiles) await rm(dir, {recursive: true, force: true});
  }
}

async function generate(dir: string, options: CreateTestCaOptions): Promise<TestCa> {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await openssl(
    [
      'req',
      '-x509',
      ...ec,
      '-keyout',
      'ca.key',
      '-out',
      'ca.crt',
      '-days',
      '2',
      '-subj',
      '/CN=atp-cockpit throwaway test CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  await openssl(['req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost'], dir);
  const sans = ['DNS:localhost', 'IP:127.0.0.1', 'IP:::1', ...(options.extraSubjectAltNames ?? [])];
  const ext = [
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage=serverAuth',
    `subjectAltName=${sans.join(',')}`,
  ].join('\n');
  await writeFile(join(dir, 'server.ext'), `${ext}\n`);
  await openssl(
    ['x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '2', '-extfile', 'server.ext'],
    dir,
  );
  const [caPem, certPem, keyPem] = await Promise.all(['ca.crt', 'server.crt', 'server.key'].map((f) => readFile(join(dir, f), 'utf8')));
  const kept = options.keepFiles === true;
  return {
    dir: kept ? dir : undefined,
    caFile: kept ? join(dir, 'ca.crt') : undefined,
    caPem: caPem ?? '',
    certPem: certPem ?? '',
    keyPem: keyPem ?? '',
    dispose: () => (kept ? rm(dir, {recursive: true, force: true}) : Promise.resolve()),
  };
}

/** Reads a CA made earlier (e.g. by global-setup.ts) from a directory. */
export function readTestCa(dir: string): TestCa {
  const read = (f: string): string => readFileSync(join(dir, f), 'utf8');
  return {
    dir,
    caFile: join(dir, 'ca.crt'),
    caPem: read('ca.crt'),
    certPem: read('server.crt'),
    keyPem: read('server.key'),
    dispose: async () => {},
  };
}

let shared: Promise<TestCa> | undefined;

/** The CA named by $ATP_TEST_CA_DIR if set (so NODE_EXTRA_CA_CERTS matches), else one per process. */
export function sharedTestCa(): Promise<TestCa> {
  const dir = process.env[TEST_CA_DIR_ENV];
  if (dir && existsSync(join(dir, 'server.key'))) return Promise.resolve(readTestCa(dir));
  shared ??= createTestCa();
  return shared;
}
