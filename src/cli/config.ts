// `atp-cockpit config path|show|set KEY VALUE`. A KEY is checked against the configuration's schema before
// anything is written, so a misspelt key names the closest valid one (exit 64) instead of a schema dump.
import {CONFIG_SCHEMA} from '../data/config/schema.js';
import {loadConfig, setStoreValue, storePath} from '../data/config/store.js';
import {UsageError, type Cli} from './args.js';
import type {CliIo} from './io.js';
import {didYouMean} from './suggest.js';

interface SchemaNode {
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly additionalProperties?: boolean | SchemaNode;
  readonly oneOf?: readonly SchemaNode[];
}

/** Throws a UsageError when `key` (dotted) names no place in the configuration. */
export function checkConfigKey(key: string): void {
  const parts = key.split('.');
  if (parts.some((p) => p === '')) throw new UsageError(`config key "${key}" has an empty part; keys are dotted, e.g. contexts.prod.readOnly`);
  let node: SchemaNode | undefined = CONFIG_SCHEMA as SchemaNode;
  for (const [i, part] of parts.entries()) {
    if (!node) return;
    const holdsKeys = (n: SchemaNode) => n.properties !== undefined || (n.additionalProperties !== undefined && n.additionalProperties !== false);
    const objects: SchemaNode[] = (node.oneOf ?? [node]).filter(holdsKeys);
    const here = parts.slice(0, i).join('.') || '(top level)';
    if (objects.length === 0) throw new UsageError(`config key "${key}": ${here} is a value, it has no key "${part}"`);
    const named = objects.find((n) => n.properties?.[part]);
    if (named) {
      node = named.properties?.[part];
      continue;
    }
    const open = objects.find((n) => n.additionalProperties !== undefined && n.additionalProperties !== false && !n.properties?.[part]);
    if (open) {
      // A name chosen by the user (a context, a source id), or free settings of a source.
      node = open.additionalProperties === true ? undefined : (open.additionalProperties as SchemaNode);
      continue;
    }
    const known = objects.flatMap((n) => Object.keys(n.properties ?? {}));
    throw new UsageError(`unknown config key "${part}" in ${key}${didYouMean(part, known)}`);
  }
}

export async function configCommand(cli: Cli, io: CliIo): Promise<number> {
  const [verb, key = '', ...value] = cli.rest;
  switch (verb) {
    case 'path':
      io.out(`${cli.config ?? storePath()}\n`);
      return 0;
    case 'show': {
      const loaded = loadConfig(cli.config);
      io.out(`# ${loaded.file}\n${JSON.stringify(loaded.config, null, 2)}\n`);
      return 0;
    }
    case 'set': {
      if (cli.config) throw new UsageError('config set edits the conf store; edit the --config file directly');
      checkConfigKey(key);
      const saved = await setStoreValue(key, value.join(' '));
      io.out(`set ${key} in ${saved.file}\n`);
      return 0;
    }
    default:
      // parseCli has checked the verb already.
      throw new UsageError('usage: atp-cockpit config path|show|set KEY VALUE');
  }
}
