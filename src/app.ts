// The program: flags → configuration → context → the chosen command (the cockpit, status, contexts, ...).
// src/main.ts runs it from the sources; the bundle's loader (src/start.ts) runs dist/app.cjs.
import {parseCli, USAGE, UsageError, type Cli} from './cli/args.js';
import {ConfigError} from './data/config/validate.js';
import {trace} from './data/trace.js';

const EX_USAGE = 64;
const EX_CONFIG = 78;

async function run(cli: Cli): Promise<number> {
  switch (cli.command) {
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case 'version':
      process.stdout.write('atp-cockpit 0.1.0\n');
      return 0;
    case 'status':
      return (await import('./cli/status.js')).statusCommand(cli);
    case 'contexts':
      return (await import('./cli/contexts.js')).contextsCommand(cli);
    case 'config':
      return (await import('./cli/config.js')).configCommand(cli);
    case 'journal':
      return (await import('./cli/journal.js')).journalCommand(cli);
    case 'simulate':
      return (await import('./cli/simulate.js')).simulateCommand(cli);
    case 'run':
      return (await import('./cli/cockpit.js')).cockpitCommand(cli);
  }
}

/** Runs the command the flags name, then exits with its code. */
export async function main(): Promise<void> {
  let code: number;
  trace('main');
  try {
    const cli = parseCli(process.argv.slice(2));
    // Colour is decided before Ink (and chalk) load: NO_COLOR and --no-color win.
    if (!cli.color) process.env.FORCE_COLOR = '0';
    else if (process.stdout.isTTY && process.env.FORCE_COLOR === undefined) process.env.FORCE_COLOR = '1';
    code = await run(cli);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`atp-cockpit: ${error.message}\n\n${USAGE}\n`);
      code = EX_USAGE;
    } else if (error instanceof ConfigError) {
      process.stderr.write(`atp-cockpit: ${error.message}\n`);
      code = EX_CONFIG;
    } else {
      process.stderr.write(`atp-cockpit: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      code = 70;
    }
  }
  process.exit(code);
}
