// Runs one benchmark case in this process and prints its result as JSON (isolated memory per case).
import {BIG_SHAPE, bytesPerRefresh, keyLatency, logFollow, refreshCost, soak} from './cases.js';

const [, , name, ...rest] = process.argv;
const arg = (key: string, fallback: number) => {
  const i = rest.indexOf(`--${key}`);
  return i >= 0 ? Number(rest[i + 1]) : fallback;
};

async function main(): Promise<unknown> {
  switch (name) {
    case 'bytes':
      return bytesPerRefresh(arg('columns', 120), arg('rows', 40));
    case 'cost': {
      const entities = arg('entities', 1000);
      return refreshCost({...BIG_SHAPE, entities, deployments: Math.round(entities / 2)}, arg('columns', 120), arg('rows', 40));
    }
    case 'cost-still':
      return refreshCost({...BIG_SHAPE, entities: 12, deployments: 8, services: 8, regions: 2, change: 0}, arg('columns', 120), arg('rows', 40));
    case 'cost-demo':
      return refreshCost(undefined, arg('columns', 120), arg('rows', 40));
    case 'keys':
      return keyLatency(BIG_SHAPE, arg('keys', 200));
    case 'logs':
      return logFollow(arg('rate', 1000), arg('keys', 300), arg('warm', 15));
    case 'soak': {
      const entities = arg('entities', arg('big', 0) ? BIG_SHAPE.entities : 0);
      return soak(entities ? {...BIG_SHAPE, entities, deployments: Math.round(entities / 2)} : undefined, arg('seconds', 60));
    }
    default:
      throw new Error(`unknown case ${name}`);
  }
}

main().then(
  (r) => {
    process.stdout.write(`${JSON.stringify(r)}\n`);
    process.exit(0);
  },
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
