// --ascii's last guard, the wall's plain words, and story columns that outlast decoration.
import {describe, expect, it} from 'vitest';
import {evaluateAlerts, type ActiveAlert} from '../../src/data/alerts/evaluate.js';
import {fitColumns} from '../../src/ui/components/table-model.js';
import {asciiRows, toAscii} from '../../src/ui/terminal/ascii.js';
import {bannerAlerts, plainWords} from '../../src/ui/wall-banner.js';
import {DLQ_COLUMNS} from '../../src/panes/dlq/rows.js';
import {HEALTH_COLUMNS} from '../../src/panes/health/rows.js';
import {renderCockpit} from '../helpers/render-app.js';

const alert = (name: string, target: string, severity = 1): ActiveAlert =>
  ({
    key: `${name}:${target}`,
    name,
    severity,
    target,
    summary: '0/2 pods ready',
    runbook: '6.1',
    pane: 'health',
    state: 'firing',
    activeSince: 0,
    firingSince: 0,
    forMs: 0,
    escalation: {now: 'Primary on-call'},
    stale: false,
  }) as unknown as ActiveAlert;

describe('--ascii', () => {
  it('keeps each character to one ASCII cell of the same width', () => {
    expect(toAscii('16 rows · 8 unhealthy — data ≤0s → ok…')).toBe('16 rows . 8 unhealthy - data <0s > ok~');
    const rows = [{chars: ['a', '·', '漢', '', 'é'], styles: ['', '', '', '', '']}];
    expect(asciiRows(rows)[0]!.chars).toEqual(['a', '.', '?', '?', '?']);
  });

  it('the views this layer owns print ASCII themselves (help, panes, footer, header)', async () => {
    const app = await renderCockpit({flags: {demo: 'region-outage'}, columns: 120, rows: 40, ascii: true});
    try {
      const frame = await app.waitFor('8 not healthy');
      // The alerts strip (another part) still prints its own separators: only the panes, header and footer here.
      const lines = frame.split('\n').filter((l) => !/SEV-\d|more firing/.test(l));
      expect(lines.join('\n').replace(/[\x20-\x7e\n]/g, '')).toBe('');
      await app.press('?');
      await app.waitFor('Keys (Esc or ? to close');
      // every page of the help, down to its last section
      for (const help of await app.scrollTo('Words on screen')) {
        expect(
          help
            .split('\n')
            .filter((l) => !/SEV-\d|more firing/.test(l))
            .join('\n')
            .replace(/[\x20-\x7e\n]/g, ''),
        ).toBe('');
      }
    } finally {
      app.unmount();
    }
  });
});

describe('--wall words', () => {
  it('groups the worst alert with its kind in its region, in words a passer-by understands', () => {
    const alerts = [
      ...['export', 'gateway', 'query'].map((s) => alert('ServiceDown', `${s}@us-east`)),
      alert('ServiceDown', 'export@eu-west'),
      alert('ErrorBudgetBurn', 'atp-availability', 2),
    ];
    const group = bannerAlerts(alerts);
    expect(group).toHaveLength(3);
    expect(plainWords(group)).toBe('us-east: 3 services down');
    expect(plainWords([alert('ServiceDown', 'export@eu-west')])).toBe('eu-west: export down');
  });

  it('a region outage is the banner, though its alert began after the ServiceDown alerts it explains', () => {
    const NOW = Date.UTC(2026, 11, 6, 3, 0, 0);
    const down = (service: string, minutes: number) => ({
      service,
      region: 'us-east',
      podsReady: 0,
      podsDesired: 2,
      readySeries: Array.from({length: minutes + 1}, (_, i) => ({t: NOW - (minutes - i) * 60_000, v: 0})),
    });
    const {alerts} = evaluateAlerts({readings: {health: {services: [down('export', 9), down('gateway', 3)]}}, now: NOW});
    const group = bannerAlerts(alerts);
    expect(group.map((a) => a.name)).toEqual(['RegionOutage']);
    expect(plainWords(group)).toBe('us-east: whole region down, fail over');
  });

  it("the banner says whom to page once, in the escalation's own words", async () => {
    const app = await renderCockpit({flags: {demo: 'bad-deploy'}, wall: true, columns: 160, rows: 45});
    try {
      // The banner's line of detail: "… · for 9m · runbook 6.2 (Error Investigation) · page Primary on-call, then …".
      const frame = await app.waitFor('runbook 6.2 (');
      const line = frame.split('\n').find((l) => l.includes('runbook 6.2 (')) ?? '';
      expect(line).toContain('page Primary on-call');
      expect(line).not.toMatch(/page page/);
    } finally {
      app.unmount();
    }
  });
});

describe('story columns', () => {
  it('the reasons and failing checks outlast trends and counters at 80 and 120 columns', () => {
    for (const width of [78, 118]) {
      const dlq = fitColumns(DLQ_COLUMNS, width).map((c) => c.column.id);
      expect(dlq).toContain('reasons');
      expect(dlq).not.toContain('trend');
      const health = fitColumns(HEALTH_COLUMNS, width);
      const failing = health.find((c) => c.column.id === 'failing');
      expect(failing!.width).toBeGreaterThanOrEqual(20);
    }
  });
});
