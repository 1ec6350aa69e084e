// Shared start-up: configuration, context, journal path.
import {existsSync} from 'node:fs';
import {homedir} from 'node:os';
import {join} from 'node:path';
import {resolveContext, type ResolvedContext} from '../data/config/context.js';
import {loadConfig, type LoadedConfig} from '../data/config/store.js';
import {UsageError, type Cli} from './args.js';
import {didYouMean} from './suggest.js';

export interface Setup {
  readonly loaded: LoadedConfig;
  readonly context: ResolvedContext;
  readonly journalPath: string;
}

/** The journal file: --journal, then ATP_COCKPIT_JOURNAL, then the config, then the user's state directory. */
export function journalPath(cli: Cli, loaded: LoadedConfig, env: NodeJS.ProcessEnv = process.env): string {
  const configured = cli.journal ?? env.ATP_COCKPIT_JOURNAL ?? loaded.config.journal?.path;
  if (configured) return configured.replace(/^~(?=\/)/, homedir());
  const state = env.XDG_STATE_HOME || join(homedir(), '.local', 'state');
  return join(state, 'atp-cockpit', 'journal.jsonl');
}

/** Throws a UsageError when `--context NAME` names no context: says when there is no configuration at all, and how to make one. */
export function checkContextName(name: string, loaded: LoadedConfig): void {
  const names = Object.keys(loaded.config.contexts ?? {});
  if (names.includes(name)) return;
  if (names.length === 0) {
    const none = loaded.kind === 'store' && !existsSync(loaded.file);
    const where = none ? `no configuration exists (${loaded.file})` : `the configuration ${loaded.file} defines no context`;
    throw new UsageError(
      `unknown context "${name}": ${where}. Make one with: atp-cockpit config set contexts.${name} ` +
        `'{"environment":"prod","panes":{"health":"prometheus"},"sources":{"prometheus":{"url":"http://127.0.0.1:9090"}}}' ` +
        '(docs/cli.md), or try the demo: atp-cockpit --demo',
    );
  }
  throw new UsageError(`unknown context "${name}" in ${loaded.file}${didYouMean(name, names)}`);
}

/** Loads the configuration and resolves the context the flags ask for. */
export function setup(cli: Cli, name?: string): Setup {
  const loaded = loadConfig(cli.config);
  const wanted = name ?? cli.context;
  if (wanted !== undefined && !cli.demo) checkContextName(wanted, loaded);
  const context = resolveContext(
    loaded.config,
    {context: wanted, demo: name ? undefined : cli.demo, seed: cli.seed, readOnly: cli.readOnly, wall: cli.wall, refreshSeconds: cli.refresh},
    loaded.file,
  );
  return {loaded, context, journalPath: journalPath(cli, loaded)};
}
