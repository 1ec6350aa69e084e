// Dialog text wraps and never cuts (issue 13): every line fits, and the words read back whole, in order.
import {describe, expect, it} from 'vitest';
import {cellWidth} from '../../src/data/text/width.js';
import {wrapText} from '../../src/ui/dialogs/dialog-frame.js';

const COMMAND = "helm rollback atp 2 -n atp-system --wait --kube-context aks-prod-eastus-01 --kubeconfig '/home/oncall/.kube/a very long path/config'";

describe('wrapText', () => {
  it('keeps every line within the width and loses no character, for widths down to a narrow dialog', () => {
    const texts = [
      COMMAND,
      'context prod [prod] PRODUCTION · from audit.appended.v1/Subscriptions/search-indexer/$DeadLetterQueue to topic audit.appended.v1',
      'ingestion@us-east 回滚 ✓ ok',
    ];
    for (const text of texts) {
      for (let width = 10; width <= 80; width += 7) {
        const lines = wrapText(text, width);
        for (const l of lines) expect(cellWidth(l)).toBeLessThanOrEqual(width);
        expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
      }
    }
  });

  it('breaks at spaces when it can, and inside a word only when the word is longer than a line', () => {
    expect(wrapText('kubectl rollout undo deployment/ingestion -n atp-ingestion-ns', 30)).toEqual([
      'kubectl rollout undo',
      'deployment/ingestion -n',
      'atp-ingestion-ns',
    ]);
    expect(wrapText('x /a/very/long/path/that/does/not/fit', 12)).toEqual(['x', '/a/very/long', '/path/that/d', 'oes/not/fit']);
  });

  it('indents continuation lines', () => {
    expect(wrapText('one two three four', 9, 2)).toEqual(['one two', '  three', '  four']);
  });
});
