// The default command: the full-screen cockpit.
import {systemClock} from '../data/clock.js';
import {resolveContext} from '../data/config/context.js';
import type {Cli} from './args.js';
import type {CliIo} from './io.js';
import {setup} from './setup.js';

/**
 * Ink's layout engine (yoga-layout) loads its inline WebAssembly with `fetch` when fetch exists, which pulls in
 * undici (~100 ms at start-up). Without fetch it decodes the inline bytes directly. Restored right after. (This
 * is for runs from the sources; the bundle instantiates yoga synchronously, scripts/startup.mjs.)
 */
async function importWithoutFetch<T>(load: () => Promise<T>): Promise<T> {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (!descriptor?.configurable) return load();
  Object.defineProperty(globalThis, 'fetch', {value: undefined, configurable: true, writable: true});
  try {
    return await load();
  } finally {
    Object.defineProperty(globalThis, 'fetch', descriptor);
  }
}

export async function cockpitCommand(cli: Cli, io: CliIo): Promise<number> {
  const {loaded, context, journalPath} = setup(cli);
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    io.err(
      'atp-cockpit: the cockpit needs a terminal (stdin and stdout must be a TTY).\n' +
        'For scripts and `ssh host atp-cockpit status`, use: atp-cockpit status [--json]\n',
    );
    return 64;
  }
  const {runCockpit} = await importWithoutFetch(() => import('../ui/run.js'));
  return runCockpit({
    context,
    clock: systemClock(),
    journalPath,
    color: cli.color,
    ascii: cli.ascii,
    wall: cli.wall,
    contexts: Object.keys(loaded.config.contexts ?? {}),
    resolve: (name) =>
      name === 'demo'
        ? resolveContext(loaded.config, {demo: cli.demo ?? 'calm', seed: cli.seed, readOnly: cli.readOnly, wall: cli.wall}, loaded.file)
        : resolveContext(loaded.config, {context: name, readOnly: cli.readOnly, wall: cli.wall, refreshSeconds: cli.refresh}, loaded.file),
  });
}
