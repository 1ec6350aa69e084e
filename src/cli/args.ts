// Command-line parsing: subcommand, flags, and the usage text.
import {parseArgs} from 'node:util';
import {isScenario, SCENARIOS, type ScenarioName} from '../data/demo/scenarios.js';

export const USAGE = `atp-cockpit — keyboard-only terminal cockpit for ATP on-call engineers

Usage:
  atp-cockpit [--context NAME] [--demo [SCENARIO]] [--read-only] [--wall]
              [--refresh SECONDS] [--no-color] [--ascii] [--config FILE] [--seed N]
  atp-cockpit status [--json] [--context NAME | --demo [SCENARIO]]
                                      one-shot snapshot; exit code = worst firing severity
                                      (0 none, 1 SEV-1 … 4 SEV-4, 5 data unavailable)
  atp-cockpit contexts                which source serves which pane, per context
  atp-cockpit config path|show|set KEY VALUE
  atp-cockpit journal show|verify [--journal FILE]
  atp-cockpit simulate --listen HOST:PORT [--scenario NAME] [--seed N]

Scenarios: ${SCENARIOS.join(', ')}
Environment: NO_COLOR disables colour; secrets come from the environment (see README).`;

export interface Cli {
  readonly command: 'run' | 'status' | 'contexts' | 'config' | 'journal' | 'simulate' | 'help' | 'version';
  readonly rest: readonly string[];
  readonly context?: string;
  readonly demo?: ScenarioName;
  readonly readOnly: boolean;
  readonly wall: boolean;
  readonly refresh?: number;
  readonly color: boolean;
  readonly ascii: boolean;
  readonly config?: string;
  readonly seed?: number;
  readonly json: boolean;
  readonly journal?: string;
  readonly listen?: string;
  readonly scenario?: ScenarioName;
}

export class UsageError extends Error {}

const COMMANDS = ['status', 'contexts', 'config', 'journal', 'simulate', 'help'] as const;

/** Parses argv (without node and script). */
export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Cli {
  const args = [...argv];
  // `--demo` takes an optional scenario.
  let demo: ScenarioName | undefined;
  const demoAt = args.findIndex((a) => a === '--demo' || a.startsWith('--demo='));
  if (demoAt >= 0) {
    const arg = args[demoAt] ?? '';
    const inline = arg.includes('=') ? arg.split('=')[1] : undefined;
    const next = args[demoAt + 1];
    const name = inline ?? (next && !next.startsWith('-') && isScenario(next) ? next : undefined);
    if (name !== undefined && !isScenario(name)) throw new UsageError(`unknown scenario "${name}": ${SCENARIOS.join(', ')}`);
    demo = (name as ScenarioName | undefined) ?? 'calm';
    args.splice(demoAt, inline === undefined && name ? 2 : 1);
  }
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        context: {type: 'string'},
        'read-only': {type: 'boolean', default: false},
        wall: {type: 'boolean', default: false},
        refresh: {type: 'string'},
        'no-color': {type: 'boolean', default: false},
        ascii: {type: 'boolean', default: false},
        config: {type: 'string'},
        seed: {type: 'string'},
        json: {type: 'boolean', default: false},
        journal: {type: 'string'},
        listen: {type: 'string'},
        scenario: {type: 'string'},
        help: {type: 'boolean', short: 'h', default: false},
        version: {type: 'boolean', short: 'V', default: false},
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const {values, positionals} = parsed;
  const [first, ...rest] = positionals;
  let command: Cli['command'] = 'run';
  if (first !== undefined) {
    if (!(COMMANDS as readonly string[]).includes(first)) throw new UsageError(`unknown command "${first}"`);
    command = first as Cli['command'];
  }
  if (values.help) command = 'help';
  if (values.version) command = 'version';
  const number = (name: string, text: string | undefined, min: number) => {
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!Number.isFinite(n) || n < min) throw new UsageError(`--${name} must be a number ≥ ${min} (got "${text}")`);
    return n;
  };
  const scenario = values.scenario;
  if (scenario !== undefined && !isScenario(scenario)) throw new UsageError(`unknown scenario "${scenario}": ${SCENARIOS.join(', ')}`);
  return {
    command,
    rest,
    context: values.context,
    demo,
    readOnly: values['read-only'] ?? false,
    wall: values.wall ?? false,
    refresh: number('refresh', values.refresh, 0.2),
    color: !(values['no-color'] ?? false) && !('NO_COLOR' in env && env.NO_COLOR !== ''),
    ascii: values.ascii ?? false,
    config: values.config,
    seed: number('seed', values.seed, 0),
    json: values.json ?? false,
    journal: values.journal,
    listen: values.listen,
    scenario: scenario as ScenarioName | undefined,
  };
}
