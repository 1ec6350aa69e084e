// The burn-rate pairs and thresholds (14.4/6/3/1) are defined once, in src/data/slo/burn.ts (issue 17): the burn
// pane's headers, the shipped Sloth rules and the alert catalog's threshold text are derived from BURN_PAIRS.
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {ALERT_RULES} from '../../../src/data/alerts/catalog.js';
import {slothRules} from '../../../src/data/simulator/sloth-rules.js';
import {BURN_PAIRS, pairLabel} from '../../../src/data/slo/burn.js';
import {BURN_COLUMNS} from '../../../src/panes/burn/rows.js';

const SRC = join(import.meta.dirname, '..', '..', '..', 'src');
const sources = (dir: string): string[] =>
  readdirSync(dir, {withFileTypes: true}).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));

describe('burn pairs, defined once', () => {
  it('no source file but src/data/slo/burn.ts writes a pair or its threshold', () => {
    const pairText = /['"`](5m\/1h|30m\/6h|2h\/1d|6h\/3d)\b|\b14\.4\b(?!x)|\['(5m|30m|2h|6h)', '(1h|6h|1d|3d)', \d/;
    const offenders = sources(SRC)
      .filter((f) => !f.endsWith(join('data', 'slo', 'burn.ts')))
      .filter((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .some((line) => !/^\s*(\/\/|\*|\/\*\*)/.test(line) && pairText.test(line)),
      );
    expect(offenders.map((f) => f.slice(SRC.length + 1))).toEqual([]);
  });

  it('the pane headers, the Sloth alert rules and the catalog text follow BURN_PAIRS', () => {
    const headers = BURN_COLUMNS.filter((c) => /^p\d$/.test(c.id)).map((c) => c.header);
    expect(headers).toEqual(BURN_PAIRS.map((p) => `${pairLabel(p)} >${p.threshold}`));
    const rules = slothRules();
    for (const p of BURN_PAIRS) {
      expect(rules).toContain(
        `slo:sli_error:ratio_rate${p.short}{sloth_id="atp-availability", sloth_service="atp", sloth_slo="availability"} > (${p.threshold} * 0.001)`,
      );
      expect(rules).toContain(
        `slo:sli_error:ratio_rate${p.long}{sloth_id="atp-availability", sloth_service="atp", sloth_slo="availability"} > (${p.threshold} * 0.001)`,
      );
    }
    const text = ALERT_RULES.find((r) => r.name === 'ErrorBudgetBurn')!.threshold;
    for (const p of BURN_PAIRS) expect(text).toContain(`>${p.threshold} (${p.short}&${p.long})`);
  });
});
