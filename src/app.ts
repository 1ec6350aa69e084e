// The program: flags → configuration → context → the chosen command (the cockpit, status, contexts, ...).
// src/main.ts runs it from the sources; the bundle's loader (src/start.ts) runs dist/app.cjs.
import {parseCli, USAGE, UsageError, type Cli} from './cli/args.js';
import {processIo, type CliIo} from './cli/io.js';
import {ConfigError} from './data/config/validate.js';
import {trace} from './data/trace.js';

const EX_USAGE = 64;
const EX_CONFIG = 78;

async function run(cli: Cli, io: CliIo): Promise<number> {
  switch (cli.command) {
    case 'help':
      io.out(`${USAGE}\n`);
      return 0;
    case 'version':
      io.out(`${(await import('./build-info.js')).versionLine()}\n`);
      return 0;
    case 'status':
      return (await import('./cli/status.js')).statusCommand(cli, io);
    case 'contexts':
      return (await import('./cli/contexts.js')).contextsCommand(cli, io);
    case 'config':
      return (await import('./cli/config.js')).configCommand(cli, io);
    case 'journal':
      return (await import('./cli/journal.js')).journalCommand(cli, io);
    case 'incident':
      return (await import('./cli/incident.js')).incidentCommand(cli, io);
    case 'simulate':
      return (await import('./cli/simulate.js')).simulateCommand(cli, io);
    case 'run':
      return (await import('./cli/cockpit.js')).cockpitCommand(cli, io);
  }
}

/** Runs the command `argv` names and returns its exit code (the whole program but process.exit; test/cli uses it). */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  try {
    const cli = parseCli(argv);
    // Styles are decided before Ink (and chalk) load. NO_COLOR and --no-color remove colour only (no-color.org):
    // the theme then names no colours, while bold, inverse and underline still mark the SEV-1 bar, the focused
    // pane and the selected row, so chalk keeps its basic level on a terminal.
    if (!cli.color) process.env.FORCE_COLOR = process.stdout.isTTY ? '1' : '0';
    else if (process.stdout.isTTY && process.env.FORCE_COLOR === undefined) process.env.FORCE_COLOR = '1';
    return await run(cli, io);
  } catch (error) {
    if (error instanceof UsageError) {
      // One line that names the fault (and the closest valid word), then where the usage is: never a wall of text.
      io.err(`atp-cockpit: ${error.message}\nRun 'atp-cockpit --help' for usage (docs/cli.md).\n`);
      return EX_USAGE;
    }
    if (error instanceof ConfigError) {
      io.err(`atp-cockpit: ${error.message}\n`);
      return EX_CONFIG;
    }
    io.err(`atp-cockpit: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 70;
  }
}

/** Runs the command the flags name, then exits with its code. */
export async function main(): Promise<void> {
  trace('main');
  process.exit(await runCli(process.argv.slice(2)));
}
