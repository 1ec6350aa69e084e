// Shared start-up: configuration, context, journal path.
import {homedir} from 'node:os';
import {join} from 'node:path';
import {resolveContext, type ResolvedContext} from '../data/config/context.js';
import {loadConfig, type LoadedConfig} from '../data/config/store.js';
import type {Cli} from './args.js';

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

/** Loads the configuration and resolves the context the flags ask for. */
export function setup(cli: Cli, name?: string): Setup {
  const loaded = loadConfig(cli.config);
  const context = resolveContext(
    loaded.config,
    {context: name ?? cli.context, demo: name ? undefined : cli.demo, seed: cli.seed, readOnly: cli.readOnly, wall: cli.wall, refreshSeconds: cli.refresh},
    loaded.file,
  );
  return {loaded, context, journalPath: journalPath(cli, loaded)};
}
