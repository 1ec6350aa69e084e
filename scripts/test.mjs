// `npm test`: build (the end-to-end tests run the real launcher), typecheck, lint, format check, then every test.
// Its last lines say what was skipped and why (scripts/vitest-skips.mjs), then one line: "N passed, N failed"
// (typecheck, lint and the format check count as one check each).
import {spawnSync} from 'node:child_process';
import {mkdirSync, readFileSync, rmSync} from 'node:fs';

const args = process.argv.slice(2);
const results = {passed: 0, failed: 0, skipped: 0};
const step = (name, command, commandArgs) => {
  process.stdout.write(`\n== ${name}: ${command} ${commandArgs.join(' ')}\n`);
  const run = spawnSync(command, commandArgs, {stdio: 'inherit'});
  const ok = run.status === 0;
  process.stdout.write(`== ${name}: ${ok ? 'ok' : `FAILED (exit ${run.status ?? run.signal})`}\n`);
  return ok;
};

if (!step('build', 'node', ['scripts/build.mjs'])) results.failed++;
for (const [name, command, commandArgs] of [
  ['typecheck', 'tsc', ['-p', 'tsconfig.json', '--noEmit']],
  ['lint', 'eslint', ['.', '--max-warnings=0']],
  // One layout for every file (.prettierrc.json), so a diff shows only what changed; `npm run format` fixes it.
  ['format', 'prettier', ['--check', '--log-level=warn', '.']],
]) {
  if (step(name, command, commandArgs)) results.passed++;
  else results.failed++;
}

mkdirSync('.tmp', {recursive: true});
rmSync('.tmp/vitest.json', {force: true});
rmSync('.tmp/vitest-skips.json', {force: true});
step('tests', 'vitest', [
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=.tmp/vitest.json',
  '--reporter=./scripts/vitest-skips.mjs',
  ...args,
]);
try {
  const report = JSON.parse(readFileSync('.tmp/vitest.json', 'utf8'));
  results.passed += report.numPassedTests ?? 0;
  results.failed += report.numFailedTests ?? 0;
  results.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  for (const file of report.testResults ?? []) {
    // A file that fails with no failed test of its own (an import error, a crash, a failed beforeAll that leaves its
    // tests "skipped") counts as one failure: nothing may skip unseen.
    if (file.status === 'failed' && !(file.assertionResults ?? []).some((a) => a.status === 'failed')) {
      results.failed++;
      process.stdout.write(`suite failed to run: ${file.name}: ${file.message ?? ''}\n`);
    }
  }
} catch (error) {
  process.stdout.write(`could not read the test report: ${error.message}\n`);
  results.failed++;
}
if (results.skipped) process.stdout.write(skipSummary(results.skipped));
process.stdout.write(`${results.passed} passed, ${results.failed} failed\n`);
process.exit(results.failed > 0 ? 1 : 0);

/** What was skipped and why, one line per file and reason. */
function skipSummary(count) {
  let skips;
  try {
    skips = JSON.parse(readFileSync('.tmp/vitest-skips.json', 'utf8'));
  } catch {
    return `${count} skipped (no list: .tmp/vitest-skips.json is missing)\n`;
  }
  const groups = new Map();
  for (const s of skips) {
    const why = s.note ?? (s.mode === 'todo' ? 'todo' : `skipIf/runIf condition of "${s.suite ?? s.test}"`);
    const key = `${s.file}: ${why}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  const lines = [...groups].map(([key, n]) => `  ${n} in ${key}`);
  return `\n${count} skipped:\n${lines.join('\n')}\n`;
}
