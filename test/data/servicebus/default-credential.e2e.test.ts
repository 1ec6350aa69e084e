// A Service Bus namespace with no connection string, through the built launcher: the bundle loads @azure/identity
// when the source first needs a token (a require made at that moment, scripts/startup.mjs) and DefaultAzureCredential
// runs its chain. Offline, with no Azure login here, the chain fails: the pane reports the SDK's own reasons, and the
// program neither crashes nor reports a loading error.
import {execFile} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {afterAll, expect, it} from 'vitest';

const run = promisify(execFile);
const LAUNCHER = join(process.cwd(), 'bin/atp-cockpit');
const dir = mkdtempSync(join(tmpdir(), 'atp-default-credential-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

it('a namespace without a connection string gets DefaultAzureCredential, whose failure is the pane error', async () => {
  const file = join(dir, 'config.json');
  writeFileSync(
    file,
    JSON.stringify({
      defaultContext: 'c',
      contexts: {
        c: {
          environment: 'staging',
          regions: ['us-east'],
          panes: {health: 'demo', lag: 'demo', dlq: 'sb', outbox: 'demo', burn: 'demo'},
          sources: {demo: {kind: 'demo', scenario: 'calm'}, sb: {kind: 'servicebus', namespace: 'sb-atp-nowhere', retries: 0, timeout: 5}},
        },
      },
    }),
  );
  const env: NodeJS.ProcessEnv = {...process.env, XDG_CACHE_HOME: dir};
  for (const name of Object.keys(env)) if (name.startsWith('AZURE_') || name === 'ATP_SERVICEBUS_CONNECTION_STRING') delete env[name];
  const {stdout, stderr} = await run(LAUNCHER, ['status', '--json', '--config', file], {env, timeout: 30_000}).catch(
    (e: {stdout: string; stderr: string}) => e,
  );
  const dlq = (JSON.parse(stdout) as {panes: Record<string, {ok: boolean; error?: string}>}).panes['dlq'];
  expect(dlq?.ok).toBe(false);
  expect(dlq?.error).toMatch(/sb-atp-nowhere\.servicebus\.windows\.net: .*(ChainedTokenCredential|CredentialUnavailableError)/);
  expect(dlq?.error).not.toMatch(/Cannot find|ERR_|import\(|is not a function/);
  expect(stderr).not.toMatch(/ExperimentalWarning|Error/);
}, 60_000);
