// Where the configuration lives: conf's store (the user's contexts), or a file given with --config.
import {existsSync, readFileSync} from 'node:fs';
import {CONFIG_SCHEMA} from './schema.js';
import type {CockpitConfig} from './types.js';
import {assertValidConfig, ConfigError} from './validate.js';

export interface LoadedConfig {
  readonly config: CockpitConfig;
  /** The file the configuration came from (it may not exist yet for conf's store). */
  readonly file: string;
  readonly kind: 'store' | 'file';
}

/** conf's store; loaded only to write (reading is a plain file read). */
async function openStore() {
  const {default: Conf} = await import('conf');
  return new Conf<Record<string, unknown>>({
    projectName: 'atp-cockpit',
    projectSuffix: '',
    cwd: process.env.ATP_COCKPIT_CONFIG_DIR || undefined,
    schema: CONFIG_SCHEMA.properties as never,
    rootSchema: {additionalProperties: false},
    clearInvalidConfig: false,
  });
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, [
      {key: '', message: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`, fix: 'check the path given to --config'},
    ]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConfigError(file, [{key: '', message: `not valid JSON: ${(error as Error).message}`, fix: 'correct the JSON syntax at that position'}]);
  }
}

/** The path of conf's store (whether or not it exists). */
export function storePath(): string {
  const dir = process.env.ATP_COCKPIT_CONFIG_DIR;
  if (dir) return `${dir}/config.json`;
  // conf would create the directory on open; report the path without touching the disk.
  const base = process.env.XDG_CONFIG_HOME || `${process.env.HOME ?? '~'}/.config`;
  return `${base}/atp-cockpit/config.json`;
}

/** Loads and validates the configuration; an empty one when nothing is configured. */
export function loadConfig(file?: string): LoadedConfig {
  if (file) {
    const raw = readJson(file);
    assertValidConfig(raw, file);
    return {config: raw, file, kind: 'file'};
  }
  const path = storePath();
  if (!existsSync(path)) return {config: {}, file: path, kind: 'store'};
  const raw = readJson(path);
  assertValidConfig(raw, path);
  return {config: raw, file: path, kind: 'store'};
}

/** Parses a CLI value: JSON when it parses (numbers, booleans, objects), else the plain string. */
export function parseValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Sets one dotted key in conf's store, refusing a value that would make the config invalid. */
export async function setStoreValue(key: string, text: string): Promise<LoadedConfig> {
  const current = loadConfig().config as Record<string, unknown>;
  const next = structuredClone(current);
  const parts = key.split('.');
  let node: Record<string, unknown> = next;
  for (const part of parts.slice(0, -1)) {
    const child = node[part];
    if (child === undefined) node[part] = {};
    else if (typeof child !== 'object' || child === null)
      throw new ConfigError(storePath(), [
        {
          key: parts.slice(0, parts.indexOf(part) + 1).join('.'),
          message: 'is not an object, so it cannot hold sub-keys',
          fix: 'set the parent key to an object first',
        },
      ]);
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1] ?? key] = parseValue(text);
  assertValidConfig(next, storePath());
  const store = await openStore();
  store.store = next;
  return {config: next as CockpitConfig, file: store.path, kind: 'store'};
}
