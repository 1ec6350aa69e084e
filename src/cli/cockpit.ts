// The default command: the full-screen cockpit.
import {systemClock} from '../data/clock.js';
import {resolveContext} from '../data/config/context.js';
import type {Cli} from './args.js';
import {setup} from './setup.js';

export async function cockpitCommand(cli: Cli): Promise<number> {
  const {loaded, context, journalPath} = setup(cli);
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    process.stderr.write('atp-cockpit: the cockpit needs a terminal (stdin and stdout must be a TTY).\nFor scripts and `ssh host atp-cockpit status`, use: atp-cockpit status [--json]\n');
    return 64;
  }
  const {runCockpit} = await import('../ui/run.js');
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
