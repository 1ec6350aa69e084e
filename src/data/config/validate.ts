// Validates a configuration and explains each problem by key, with the fix.
import {createRequire} from 'node:module';
import type {Ajv2020, ErrorObject} from 'ajv/dist/2020.js';
import {CONFIG_SCHEMA} from './schema.js';
import type {CockpitConfig} from './types.js';

/** One problem: the dotted key, what is wrong, and how to fix it. */
export interface ConfigProblem {
  readonly key: string;
  readonly message: string;
  readonly fix: string;
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(`invalid configuration in ${file}:\n${problems.map((p) => `  ${p.key || '(top level)'}: ${p.message}\n    fix: ${p.fix}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

let compiled: ReturnType<Ajv2020['compile']> | undefined;
/** Compiled on first use: a cockpit started without a configuration file never pays for it. */
function validator() {
  if (!compiled) {
    // ajv is loaded on demand (synchronously: validation is synchronous) to keep start-up fast.
    const {Ajv2020: Ajv} = createRequire(import.meta.url)('ajv/dist/2020.js') as {Ajv2020: typeof Ajv2020};
    compiled = new Ajv({allErrors: true, verbose: true, strict: false}).compile(CONFIG_SCHEMA);
  }
  return compiled;
}

const SECRET_KEY = /pass(word)?|secret|token|api[-_]?key|connection[-_]?string|shared[-_]?access|credential|bearer|private[-_]?key/i;
const SECRET_VALUE = /SharedAccessKey=|AccountKey=|-----BEGIN [A-Z ]*PRIVATE KEY-----|^Bearer\s|hooks\.slack\.com\/(services|workflows|triggers)\//i;

const toKey = (pointer: string): string =>
  pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');

function example(schema: unknown): string | undefined {
  const examples = (schema as {examples?: unknown[]} | undefined)?.examples;
  return examples && examples.length > 0 ? JSON.stringify(examples[0]) : undefined;
}

function describe(error: ErrorObject): ConfigProblem {
  const key = toKey(error.instancePath);
  const schema = error.parentSchema as {description?: string; enum?: unknown[]} | undefined;
  const what = schema?.description ? ` (${schema.description})` : '';
  const sample = example(schema);
  if (error.keyword === 'additionalProperties') {
    const extra = String((error.params as {additionalProperty?: string}).additionalProperty);
    const known = Object.keys((schema as {properties?: object} | undefined)?.properties ?? {});
    return {
      key: key ? `${key}.${extra}` : extra,
      message: `unknown key${known.length ? `; known keys here: ${known.join(', ')}` : ''}`,
      fix: `remove "${extra}"${known.length ? ' or correct its spelling' : ''}`,
    };
  }
  if (error.keyword === 'enum') {
    const allowed = (error.params as {allowedValues?: unknown[]}).allowedValues ?? [];
    return {
      key,
      message: `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}${what}`,
      fix: `set it to one of those, e.g. ${JSON.stringify(allowed[0])}`,
    };
  }
  if (error.keyword === 'required') {
    const missing = String((error.params as {missingProperty?: string}).missingProperty);
    return {key: key ? `${key}.${missing}` : missing, message: 'is required', fix: `add "${missing}"`};
  }
  return {key, message: `${error.message ?? 'is invalid'}${what}`, fix: sample ? `set it like ${sample}` : 'correct the value'};
}

/** Keeps the most specific error per key (oneOf produces one error per branch). */
function condense(errors: readonly ErrorObject[]): ErrorObject[] {
  const byPath = new Map<string, ErrorObject>();
  for (const e of errors) {
    const path =
      e.keyword === 'additionalProperties' ? `${e.instancePath}/${String((e.params as {additionalProperty?: string}).additionalProperty)}` : e.instancePath;
    const current = byPath.get(path);
    if (!current || current.keyword === 'oneOf') byPath.set(path, e);
  }
  const paths = [...byPath.keys()];
  return [...byPath.entries()].filter(([path, e]) => e.keyword !== 'oneOf' || !paths.some((p) => p !== path && p.startsWith(`${path}/`))).map(([, e]) => e);
}

function secrets(value: unknown, path: string[], out: ConfigProblem[]): void {
  if (typeof value === 'string') {
    if (SECRET_VALUE.test(value))
      out.push({
        key: path.join('.'),
        message: 'looks like a secret; secrets never live in the config file',
        fix: 'remove it and provide it through the environment (see README, "Secrets")',
      });
    return;
  }
  if (!value || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value)) {
    const here = [...path, k];
    if (SECRET_KEY.test(k) && !/env$/i.test(k) && typeof v !== 'object') {
      out.push({
        key: here.join('.'),
        message: 'secrets never live in the config file',
        fix: 'remove this key and set the secret in the environment (see README, "Secrets")',
      });
      continue;
    }
    secrets(v, here, out);
  }
}

/** Returns the problems in `config` (empty when valid). */
export function configProblems(config: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const validate = validator();
  if (!validate(config)) problems.push(...condense(validate.errors ?? []).map(describe));
  secrets(config, [], problems);
  const c = config as CockpitConfig;
  if (c && typeof c === 'object' && c.defaultContext && !c.contexts?.[c.defaultContext]) {
    problems.push({
      key: 'defaultContext',
      message: `names context "${c.defaultContext}", which does not exist`,
      fix: `add contexts.${c.defaultContext} or set defaultContext to one of: ${Object.keys(c.contexts ?? {}).join(', ') || '(none defined)'}`,
    });
  }
  for (const [name, ctx] of Object.entries(c?.contexts ?? {})) {
    const hook = (ctx as {slack?: {webhookEnv?: unknown}} | undefined)?.slack?.webhookEnv;
    if (typeof hook === 'string' && /^https?:/i.test(hook)) {
      // One explanation for this key, the most useful one (the pattern and secret checks would say less).
      const key = `contexts.${name}.slack.webhookEnv`;
      for (let i = problems.length - 1; i >= 0; i--) if (problems[i]!.key === key) problems.splice(i, 1);
      problems.push({
        key,
        message: 'holds a URL; it names the environment variable that holds the URL (the URL is a secret and never lives in the config file)',
        fix: `export ATP_SLACK_WEBHOOK=<the webhook URL> and set contexts.${name}.slack.webhookEnv to "ATP_SLACK_WEBHOOK"`,
      });
    }
    for (const [pane, refs] of Object.entries(ctx?.panes ?? {})) {
      for (const ref of Array.isArray(refs) ? refs : [refs]) {
        const known = ['demo', 'prometheus', 'health', 'kubernetes', 'servicebus', 'azure-monitor'].includes(String(ref));
        if (typeof ref === 'string' && !ctx.sources?.[ref] && !known) {
          problems.push({
            key: `contexts.${name}.panes.${pane}`,
            message: `names source "${ref}", which is not in contexts.${name}.sources`,
            fix: `add contexts.${name}.sources.${ref} (with a "kind") or use one of: ${Object.keys(ctx.sources ?? {}).join(', ') || 'demo'}`,
          });
        }
      }
    }
  }
  return problems;
}

/** Throws a ConfigError naming every bad key when `config` is invalid. */
export function assertValidConfig(config: unknown, file: string): asserts config is CockpitConfig {
  const problems = configProblems(config);
  if (problems.length > 0) throw new ConfigError(file, problems);
}
