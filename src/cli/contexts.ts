// `atp-cockpit contexts`: every context, which source serves which pane, and how it may act.
import {demoContext, resolveContext} from '../data/config/context.js';
import {loadConfig} from '../data/config/store.js';
import {PANE_IDS} from '../data/readings/types.js';
import type {Cli} from './args.js';
import type {CliIo} from './io.js';

const SETTING_KEYS = ['url', 'urlTemplate', 'endpoints', 'namespace', 'kubeContexts', 'workspaceId', 'endpoint', 'scenario'];

export function contextsCommand(cli: Cli, io: CliIo): number {
  const loaded = loadConfig(cli.config);
  const contexts = {...(loaded.config.contexts ?? {}), ...(loaded.config.contexts?.demo ? {} : {demo: demoContext(cli.demo ?? 'calm', cli.seed ?? 1)})};
  const out: string[] = [`configuration: ${loaded.file}${loaded.kind === 'store' ? ' (conf store)' : ''}`];
  const fallback = loaded.config.defaultContext ?? (Object.keys(loaded.config.contexts ?? {})[0] ? Object.keys(loaded.config.contexts ?? {})[0] : 'demo');
  for (const name of Object.keys(contexts)) {
    const ctx =
      name === 'demo' && !loaded.config.contexts?.demo
        ? resolveContext(loaded.config, {demo: cli.demo ?? 'calm'}, loaded.file)
        : resolveContext(loaded.config, {context: name}, loaded.file);
    const flags = [ctx.production ? 'production' : '', ctx.readOnly ? 'read-only' : '', name === fallback ? 'default' : ''].filter(Boolean).join(', ');
    out.push('', `${name}  [${ctx.environment}]${flags ? `  (${flags})` : ''}${ctx.regions.length ? `  regions: ${ctx.regions.join(', ')}` : ''}`);
    for (const pane of PANE_IDS) {
      const sources = ctx.panes[pane].map((id) => {
        const s = ctx.sources[id];
        const detail = s
          ? SETTING_KEYS.filter((k) => s[k] !== undefined)
              .map((k) => `${k}=${typeof s[k] === 'string' ? s[k] : JSON.stringify(s[k])}`)
              .join(' ')
          : '';
        return `${id}${s && s.kind !== id ? ` (${s.kind})` : ''}${detail ? ` ${detail}` : ''}`;
      });
      out.push(
        `  ${pane.padEnd(7)} ← ${sources.join(' + ') || '(none)'}   refresh ${ctx.refreshMs[pane] / 1000}s, stale after ${ctx.staleAfterMs[pane] / 1000}s`,
      );
    }
  }
  io.out(`${out.join('\n')}\n`);
  return 0;
}
