// The bundle's entry (src/start.ts): a code cache is written after the first run, serves the next, is rewritten
// when V8 rejects it, replaces the files of older builds, and never changes what the program does.
import {execFile} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {afterAll, describe, expect, it} from 'vitest';

const run = promisify(execFile);
const LAUNCHER = join(process.cwd(), 'bin/atp-cockpit');
const home = mkdtempSync(join(tmpdir(), 'atp-code-cache-'));
const cacheDir = join(home, 'atp-cockpit', 'code');
afterAll(() => rmSync(home, {recursive: true, force: true}));

/** One `status --json` on the demo; returns its output (minus the clock) and how the code cache served it. */
async function status(): Promise<{panes: unknown; cache: string | undefined}> {
  const traceFile = join(home, `trace-${Math.random()}`);
  const {stdout} = await run(LAUNCHER, ['status', '--json', '--demo', 'calm', '--seed', '3'], {
    env: {...process.env, XDG_CACHE_HOME: home, ATP_COCKPIT_TRACE: traceFile},
  }).catch((error: {stdout: string}) => ({stdout: error.stdout}));
  const doc = JSON.parse(stdout) as {panes: Record<string, {ok: boolean}>};
  const cache = /code cache (\w+)/.exec(readFileSync(traceFile, 'utf8'))?.[1];
  return {panes: Object.fromEntries(Object.entries(doc.panes).map(([pane, p]) => [pane, p.ok])), cache};
}

const files = () => readdirSync(cacheDir).filter((f) => f.endsWith('.v8'));

describe('code cache of the bundle', () => {
  it('is written by the first run, serves the next, and is rewritten when rejected; output unchanged', async () => {
    const first = await status();
    expect(first.cache).toBe('miss');
    expect(files()).toHaveLength(1);
    expect(files()[0]).toMatch(/^app-command-v\d+\.\d+\.\d+-\d+-\d+\.v8$/);

    const second = await status();
    expect(second.cache).toBe('hit');
    expect(second.panes).toEqual(first.panes);

    writeFileSync(join(cacheDir, files()[0]!), Buffer.from('not a V8 code cache'));
    const third = await status();
    expect(third.cache).toBe('rejected');
    expect(third.panes).toEqual(first.panes);
    expect((await status()).cache).toBe('hit');
  }, 60_000);

  it("replaces an older build's file of the same kind and leaves the other kind alone", async () => {
    writeFileSync(join(cacheDir, 'app-command-v0.0.0-1-1.v8'), 'old build');
    writeFileSync(join(cacheDir, 'app-cockpit-v0.0.0-1-1.v8'), 'other kind');
    rmSync(
      join(
        cacheDir,
        files().find((f) => !f.includes('v0.0.0'))!,
      ),
    );
    expect((await status()).cache).toBe('miss');
    expect(files().filter((f) => f.startsWith('app-command-'))).toHaveLength(1);
    expect(files()).toContain('app-cockpit-v0.0.0-1-1.v8');
  }, 60_000);
});
