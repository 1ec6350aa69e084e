// Command-line parsing: subcommand, flags, and the usage text. Strict: an unknown or misspelt flag, command, verb,
// scenario or stray word is a UsageError (exit 64) naming the closest valid word, so a script never reads "all
// clear" from a typo (issue 13). docs/cli.md is the reference.
import {isScenario, SCENARIOS, type ScenarioName} from '../data/demo/scenarios.js';
import {closest, didYouMean} from './suggest.js';

export const USAGE = `atp-cockpit — keyboard-only terminal cockpit for ATP on-call engineers

Usage:
  atp-cockpit [--context NAME | --demo [SCENARIO]] [--read-only] [--wall] [--refresh SECONDS]
              [--no-color] [--ascii] [--config FILE] [--seed N] [--journal FILE]
  atp-cockpit status [--json] [--context NAME | --demo [SCENARIO]] [--config FILE] [--seed N]
                                      one-shot snapshot; exit code = worst firing severity
                                      (0 none, 1 SEV-1 … 4 SEV-4, 5 data unavailable)
  atp-cockpit contexts [--config FILE]   which source serves which pane, per context
  atp-cockpit config path|show|set KEY VALUE [--config FILE]
  atp-cockpit journal show [--json] | verify   [--journal FILE]
  atp-cockpit incident show [--since TIME] [--json | --markdown] [--journal FILE] [--context NAME]
                                      the incident record: alerts, actions, pages, updates (TIME: ISO 8601 or 2h, 30m)
  atp-cockpit simulate [--listen HOST:PORT] [--scenario NAME] [--seed N]
  atp-cockpit help [COMMAND] | --help | --version

Scenarios: ${SCENARIOS.join(', ')}
Exit codes: 64 bad command line; 78 bad configuration; journal verify: 1 failed, 66 no journal (docs/cli.md).
Environment: NO_COLOR disables colour; secrets come from the environment (see README).`;

export type Command = 'run' | 'status' | 'contexts' | 'config' | 'journal' | 'incident' | 'simulate' | 'help' | 'version';

export interface Cli {
  readonly command: Command;
  /** The words after the command (its verb and arguments), already checked. */
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
  /** `incident show --since`: as given (ISO 8601 or relative); src/cli/incident.ts reads it. */
  readonly since?: string;
  readonly markdown: boolean;
}

/** A bad command line: the message is one line, naming the closest valid word where there is one. */
export class UsageError extends Error {}

const COMMANDS = ['status', 'contexts', 'config', 'journal', 'incident', 'simulate', 'help'] as const;

type Kind = 'boolean' | 'value' | 'optional';
const FLAGS: Readonly<Record<string, {kind: Kind; metavar?: string}>> = {
  context: {kind: 'value', metavar: 'NAME'},
  demo: {kind: 'optional', metavar: 'SCENARIO'},
  'read-only': {kind: 'boolean'},
  wall: {kind: 'boolean'},
  refresh: {kind: 'value', metavar: 'SECONDS'},
  'no-color': {kind: 'boolean'},
  ascii: {kind: 'boolean'},
  config: {kind: 'value', metavar: 'FILE'},
  seed: {kind: 'value', metavar: 'N'},
  json: {kind: 'boolean'},
  journal: {kind: 'value', metavar: 'FILE'},
  listen: {kind: 'value', metavar: 'HOST:PORT'},
  scenario: {kind: 'value', metavar: 'NAME'},
  since: {kind: 'value', metavar: 'TIME'},
  markdown: {kind: 'boolean'},
  help: {kind: 'boolean'},
  version: {kind: 'boolean'},
};
const SHORT: Readonly<Record<string, string>> = {h: 'help', V: 'version'};
const EVERYWHERE = ['help', 'version', 'no-color'];

/** The flags each command takes (besides --help, --version and --no-color). */
const ACCEPTS: Readonly<Record<Exclude<Command, 'version'>, readonly string[]>> = {
  run: ['context', 'demo', 'read-only', 'wall', 'refresh', 'ascii', 'config', 'seed', 'journal'],
  status: ['json', 'context', 'demo', 'config', 'seed'],
  contexts: ['config', 'demo', 'seed'],
  config: ['config'],
  journal: ['journal', 'config', 'json'],
  incident: ['journal', 'config', 'context', 'since', 'json', 'markdown'],
  simulate: ['listen', 'scenario', 'seed'],
  help: [],
};

/** The verbs of commands that take one, and how many words follow each. */
const VERBS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  config: {path: 0, show: 0, set: 2},
  journal: {show: 0, verify: 0},
  incident: {show: 0},
};

const name = (command: Command) => (command === 'run' ? 'the cockpit' : command);
const flag = (f: string) => `--${f}`;

/** Splits argv into flags (with their raw values) and positional words. */
function tokenize(argv: readonly string[]): {flags: Map<string, string | true>; words: string[]} {
  const flags = new Map<string, string | true>();
  const words: string[] = [];
  const set = (f: string, value: string | true) => {
    if (flags.has(f)) throw new UsageError(`${flag(f)} is given twice`);
    flags.set(f, value);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      words.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      words.push(arg);
      continue;
    }
    const long = arg.startsWith('--');
    const [rawName = '', inline] = long ? splitOnce(arg.slice(2)) : [SHORT[arg.slice(1)] ?? '', undefined];
    const spec = FLAGS[rawName];
    if (!spec) throw new UsageError(`unknown flag ${arg.split('=')[0]}${didYouMean(long ? rawName : arg.slice(1), Object.keys(FLAGS), flag)}`);
    if (spec.kind === 'boolean') {
      if (inline !== undefined) throw new UsageError(`${flag(rawName)} takes no value (got "${inline}")`);
      set(rawName, true);
      continue;
    }
    if (inline !== undefined) {
      set(rawName, inline);
      continue;
    }
    const next = argv[i + 1];
    if (spec.kind === 'optional') {
      // `--demo` alone is the calm scenario; a following word is its scenario, unless it is the command itself.
      const isCommand = next !== undefined && (COMMANDS as readonly string[]).includes(next) && words.length === 0;
      if (next !== undefined && !next.startsWith('-') && !isCommand) {
        set(rawName, next);
        i++;
      } else set(rawName, true);
      continue;
    }
    // A value may start with "-" only when it is a number, so `--refresh -1` is answered as a number.
    if (next === undefined || (next.startsWith('-') && !/^-\d/.test(next))) {
      throw new UsageError(`${flag(rawName)} needs a value: ${flag(rawName)} ${spec.metavar ?? 'VALUE'}`);
    }
    set(rawName, next);
    i++;
  }
  return {flags, words};
}

function splitOnce(text: string): [string, string | undefined] {
  const at = text.indexOf('=');
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

function scenarioOf(f: string, value: string): ScenarioName {
  if (!isScenario(value)) throw new UsageError(`unknown scenario "${value}" for ${flag(f)}${didYouMean(value, SCENARIOS)}`);
  return value;
}

/** Seconds between refreshes: a plain decimal number from 0.2 to 3600. */
function refreshOf(text: string): number {
  if (!/^-?\d+(\.\d+)?$/.test(text)) throw new UsageError(`--refresh needs a number of seconds, e.g. --refresh 5 (got "${text}")`);
  const n = Number(text);
  if (n < 0.2) throw new UsageError(`--refresh must be at least 0.2 seconds (got ${text}); a smaller interval would poll the backends in a loop`);
  if (n > 3600) throw new UsageError(`--refresh must be at most 3600 seconds (got ${text}); a slower cockpit shows stale data as current`);
  return n;
}

function seedOf(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) > 0xffff_ffff) throw new UsageError(`--seed needs a whole number from 0 to 4294967295 (got "${text}")`);
  return Number(text);
}

/** Checks the words after the command: its verb (with a suggestion) and how many arguments follow. */
function checkWords(command: Command, words: readonly string[]): void {
  const verbs = VERBS[command];
  if (command === 'help') {
    const [topic, ...extra] = words;
    if (topic !== undefined && !(COMMANDS as readonly string[]).includes(topic)) {
      throw new UsageError(`help: unknown command "${topic}"${didYouMean(topic, COMMANDS)}`);
    }
    if (extra.length > 0) throw new UsageError(`help takes at most one command (unexpected "${extra[0]}")`);
    return;
  }
  if (verbs) {
    const [verb, ...args] = words;
    const usage = `${command} ${Object.keys(verbs).join('|')}`;
    if (verb === undefined) throw new UsageError(`${command} needs one of: ${Object.keys(verbs).join(', ')} (atp-cockpit ${usage})`);
    const count = verbs[verb];
    if (count === undefined) throw new UsageError(`unknown ${command} command "${verb}"${didYouMean(verb, Object.keys(verbs))}`);
    if (command === 'config' && verb === 'set') {
      // VALUE may hold spaces (words after KEY are joined).
      if (args.length < 2) throw new UsageError('config set needs KEY VALUE, e.g. config set contexts.prod.readOnly true');
      return;
    }
    if (args.length > count) {
      const hint = command === 'journal' || command === 'incident' ? '; give the file with --journal FILE' : '';
      throw new UsageError(`unexpected argument "${args[0]}" after ${command} ${verb}${hint}`);
    }
    return;
  }
  const [stray] = words;
  if (stray === undefined) return;
  // A scenario where a flag was meant (`status bad-deploy`).
  const scenario = isScenario(stray) ? stray : closest(stray, SCENARIOS);
  const hint = scenario ? ` (did you mean --demo ${scenario}?)` : '';
  throw new UsageError(`unexpected argument "${stray}" to ${name(command)}${hint}`);
}

/** Parses argv (without node and script) strictly; throws UsageError with a one-line reason. */
export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Cli {
  const {flags, words} = tokenize(argv);
  const [first, ...rest] = words;
  let command: Exclude<Command, 'version'> = 'run';
  if (first !== undefined) {
    if (!(COMMANDS as readonly string[]).includes(first)) throw new UsageError(`unknown command "${first}"${didYouMean(first, COMMANDS)}`);
    command = first as Exclude<Command, 'version'>;
  }
  if (flags.has('version')) return {...defaults(flags, env), command: 'version', rest: []};
  if (flags.has('help')) return {...defaults(flags, env), command: 'help', rest: command === 'run' || command === 'help' ? rest : [command]};
  const accepted = [...ACCEPTS[command], ...EVERYWHERE];
  for (const f of flags.keys()) {
    if (accepted.includes(f)) continue;
    const takers = Object.entries(ACCEPTS)
      .filter(([, fs]) => fs.includes(f))
      .map(([c]) => name(c as Command));
    throw new UsageError(`${flag(f)} does not apply to ${name(command)} (it is a flag of: ${takers.join(', ')})`);
  }
  checkWords(command, rest);
  if (command === 'journal' && rest[0] === 'verify' && flags.has('json')) throw new UsageError('--json applies to journal show, not journal verify');
  if (flags.has('json') && flags.has('markdown')) throw new UsageError('--json and --markdown exclude each other: choose one format');
  if (flags.has('context') && flags.has('demo')) throw new UsageError('--context and --demo exclude each other: the demo is a context of its own');
  const text = (f: string): string | undefined => {
    const v = flags.get(f);
    if (v === undefined || v === true) return undefined;
    if (v.trim() === '') throw new UsageError(`${flag(f)} needs a non-empty value`);
    return v;
  };
  const demo = flags.get('demo');
  const refresh = text('refresh');
  const seed = text('seed');
  const scenario = text('scenario');
  return {
    ...defaults(flags, env),
    command,
    rest,
    context: text('context'),
    demo: demo === undefined ? undefined : demo === true ? 'calm' : scenarioOf('demo', demo),
    refresh: refresh === undefined ? undefined : refreshOf(refresh),
    config: text('config'),
    seed: seed === undefined ? undefined : seedOf(seed),
    journal: text('journal'),
    listen: text('listen'),
    scenario: scenario === undefined ? undefined : scenarioOf('scenario', scenario),
    since: text('since'),
  };
}

function defaults(flags: ReadonlyMap<string, string | true>, env: NodeJS.ProcessEnv): Omit<Cli, 'command' | 'rest'> {
  return {
    readOnly: flags.has('read-only'),
    wall: flags.has('wall'),
    color: !flags.has('no-color') && !('NO_COLOR' in env && env.NO_COLOR !== ''),
    ascii: flags.has('ascii'),
    json: flags.has('json'),
    markdown: flags.has('markdown'),
  };
}
