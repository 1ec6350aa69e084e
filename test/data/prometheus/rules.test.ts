// The shipped rules: the SLO file is what the generator writes, and promtool accepts and unit-tests both files.
import {execFile, execFileSync} from 'node:child_process';
import {readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {describe, expect, it} from 'vitest';
import {slothRules, slothSpec} from '../../../src/data/simulator/sloth-rules.js';

const run = promisify(execFile);
const DEPLOY = join(import.meta.dirname, '..', '..', '..', 'deploy', 'prometheus');
const promtool = (() => {
  try {
    execFileSync('promtool', ['--version'], {stdio: 'ignore'});
    return true;
  } catch {
    if (process.env.CI === 'true') throw new Error('promtool is missing: .ci/run must run scripts/prom-stack.sh install');
    process.stderr.write('\n*** promtool not installed: SKIPPING promtool check/test of deploy/prometheus ***\n\n');
    return false;
  }
})();

describe('deploy/prometheus', () => {
  it('holds the generated SLO rules and Sloth spec (regenerate with scripts/prom-stack.sh rules)', () => {
    expect(readFileSync(join(DEPLOY, 'rules', 'atp-slos.rules.yml'), 'utf8')).toBe(slothRules());
    expect(readFileSync(join(DEPLOY, 'atp-slos.sloth.yml'), 'utf8')).toBe(slothSpec());
  });

  it("uses Sloth's names and labels for the four ATP SLOs and the four burn-rate pairs", () => {
    const rules = slothRules();
    for (const id of ['atp-availability', 'atp-ingestion-latency', 'atp-query-latency', 'atp-projection-lag']) expect(rules).toContain(`sloth_id: ${id}`);
    for (const w of ['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d']) expect(rules).toContain(`record: slo:sli_error:ratio_rate${w}`);
    for (const pair of ['(14.4 * 0.001)', '(6 * 0.001)', '(3 * 0.001)', '(1 * 0.001)', '(14.4 * 0.05)', '(1 * 0.05)']) expect(rules).toContain(pair);
    expect(rules).toContain('le=~"0\\\\.5"');
  });

  it.runIf(promtool)(
    'passes promtool check rules and the rule unit tests',
    async () => {
      const files = readdirSync(join(DEPLOY, 'rules')).map((f) => join(DEPLOY, 'rules', f));
      const check = await run('promtool', ['check', 'rules', ...files]);
      expect(check.stdout).toMatch(/SUCCESS: 68 rules found[^]*SUCCESS: 15 rules found|SUCCESS: 15 rules found[^]*SUCCESS: 68 rules found/);
      const tests = await run('promtool', ['test', 'rules', join(DEPLOY, 'tests', 'atp-rules.test.yml')]);
      expect(tests.stdout).toContain('SUCCESS');
    },
    30_000,
  );
});
