// Bundles the cockpit into dist/ with esbuild: the program as one CommonJS script (dist/app.cjs) and the entry
// that runs it with a code cache (dist/main.js, from src/start.ts). Backends load lazily inside the program, so
// the demo starts without loading the Kubernetes or Azure SDKs. Fails when a drop-in no longer resolves or an
// installed Ink/React/... differs from the version the drop-ins were checked against (scripts/drop-ins.mjs).
import {rmSync} from 'node:fs';
import {buildApp} from './build-app.mjs';

const out = new URL('../dist', import.meta.url);
rmSync(out, {recursive: true, force: true});
try {
  await buildApp(out.pathname);
} catch (error) {
  // esbuild has printed the errors (a drift or an unresolved drop-in says what to re-verify); no stack needed.
  if (!error?.errors) process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
