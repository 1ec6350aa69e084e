// `atp-cockpit config path|show|set KEY VALUE`.
import {loadConfig, setStoreValue, storePath} from '../data/config/store.js';
import {UsageError, type Cli} from './args.js';

export async function configCommand(cli: Cli): Promise<number> {
  const [verb, key, ...value] = cli.rest;
  switch (verb) {
    case 'path':
      process.stdout.write(`${cli.config ?? storePath()}\n`);
      return 0;
    case 'show': {
      const loaded = loadConfig(cli.config);
      process.stdout.write(`# ${loaded.file}\n${JSON.stringify(loaded.config, null, 2)}\n`);
      return 0;
    }
    case 'set': {
      if (!key || value.length === 0) throw new UsageError('usage: atp-cockpit config set KEY VALUE (KEY is dotted, e.g. contexts.prod.readOnly)');
      if (cli.config) throw new UsageError('config set edits the conf store; edit the --config file directly');
      const saved = await setStoreValue(key, value.join(' '));
      process.stdout.write(`set ${key} in ${saved.file}\n`);
      return 0;
    }
    default:
      throw new UsageError('usage: atp-cockpit config path|show|set KEY VALUE');
  }
}
