// The PromQL per pane: batched by label (two queries per pane whatever the row count), selectors applied.
import {describe, expect, it} from 'vitest';
import {batch, paneQueries} from '../../../src/data/prometheus/queries.js';
import {PANE_IDS} from '../../../src/data/readings/types.js';

describe('pane queries', () => {
  const q = paneQueries({selector: 'env="prod"', sloSelector: 'team="atp"', rateWindow: '5m'});

  it('has one instant and one range query per pane, with the selector in every ATP metric selector', () => {
    for (const pane of PANE_IDS) {
      expect(Object.keys(q[pane])).toEqual(['instant', 'range']);
      const selectors = [...q[pane].instant.matchAll(/\b(atp_\w+|http_\w+|kube_\w+|aspnetcore_\w+)\{([^}]*)\}/g)];
      if (pane !== 'burn') expect(selectors.length).toBeGreaterThan(0);
      for (const [, , matchers] of selectors) expect(matchers).toContain('env="prod"');
    }
    expect(q.burn.instant).toContain('team="atp"');
    expect(q.burn.instant).toMatch(/^\{__name__=~"slo:sli_error:ratio_rate\(5m\|30m\|1h\|2h\|6h\|1d\|3d\|30d\)/);
    expect(q.health.instant).toContain('[5m]');
  });

  it('batches sub-queries with `or`, tagging each with the statistic it computes', () => {
    expect(batch({a: 'up', b: 'time()'})).toBe('label_replace(up, "atp_stat", "a", "", "")\nor\nlabel_replace(time(), "atp_stat", "b", "", "")');
    // 8 row statistics, 5 platform signals (catalog alerts 8-12) and the shipped rules' alert onsets.
    expect(q.health.instant.match(/label_replace\([^]*?"atp_stat", "(\w+)"/g)?.length).toBe(14);
    expect(q.health.range).toContain('"error_ratio"');
  });
});
