import {execFileSync} from 'node:child_process';
import {join} from 'node:path';
import {build, type Plugin} from 'esbuild';
import {describe, expect, it} from 'vitest';
import {dropInsPlugin, inkDropIns} from '../../../scripts/drop-ins.mjs';
import {propsChange} from '../../../src/ui/terminal/skip-idle-commits.js';

const OUT = join(process.cwd(), '.tmp/test/skip-idle-commits');

async function bundle(name: string, plugins: Plugin[]): Promise<string> {
  const outdir = join(OUT, name);
  await build({
    entryPoints: ['test/fixtures/ink/commits-app.tsx'],
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    logLevel: 'warning',
    plugins,
    define: {'process.env.NODE_ENV': '"production"'},
    external: ['react-devtools-core'],
    banner: {js: "import {createRequire as __r} from 'node:module'; const require = __r(import.meta.url);"},
  });
  return join(outdir, 'commits-app.js');
}

const run = (file: string, seed: number) =>
  JSON.parse(execFileSync(process.execPath, [file, String(seed)], {encoding: 'utf8', env: {...process.env, FORCE_COLOR: '1'}})) as {
    screens: string[];
    frames: number;
  };

describe('idle commits held back from Ink (bundle drop-in)', () => {
  it('the screen after every random update is the same as without it, with fewer frames built', async () => {
    const [withSkip, without] = await Promise.all([bundle('with', [inkDropIns]), bundle('without', [dropInsPlugin(new Set(['skip-idle-commits']))])]);
    for (const seed of [1, 2, 3, 4]) {
      const a = run(withSkip, seed);
      const b = run(without, seed);
      expect(a.screens).toHaveLength(400);
      expect(a.screens).toEqual(b.screens);
      // About a third of the updates change nothing on screen: those build no frame.
      expect(a.frames).toBeLessThan(b.frames * 0.85);
    }
  }, 120_000);

  it('tells a real change of props from a fresh but equal object or closure', () => {
    const style = {flexGrow: 0, textWrap: 'wrap'};
    const tf = (color: string) => (text: string) => `<${color}>${text}`;
    expect(propsChange({style, children: 'a'}, {style: {...style}, children: 'b'})).toBe(false);
    expect(propsChange({style}, {style: {...style, textWrap: 'truncate'}})).toBe(true);
    expect(propsChange({internal_transform: tf('red')}, {internal_transform: tf('red')})).toBe(false);
    expect(propsChange({internal_transform: tf('red')}, {internal_transform: tf('green')})).toBe(true);
    expect(propsChange({internal_transform: tf('red')}, {})).toBe(true);
    expect(propsChange({internal_accessibility: {role: undefined}}, {internal_accessibility: {role: 'button'}})).toBe(true);
    expect(propsChange({}, {ref: () => undefined})).toBe(true);
  });
});
