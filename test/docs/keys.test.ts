// The keys reference and the README's keys table are written from the keymap; they fail here when out of date.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {keyName, keysReference, readmeKeys, withReadmeKeys} from '../../scripts/docs-keys-lib.js';
import {KEYMAP} from '../../src/ui/keys/keymap.js';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

describe('docs/keys.md and the README keys table', () => {
  it('docs/keys.md is what the keymap generates (regenerate with npm run docs:keys)', () => {
    expect(read('docs/keys.md')).toBe(keysReference());
  });

  it('the README keys table is what the keymap generates (regenerate with npm run docs:keys)', () => {
    const readme = read('README.md');
    expect(withReadmeKeys(readme)).toBe(readme);
  });

  it('names every key of every binding, and its help line', () => {
    const doc = keysReference();
    const table = readmeKeys();
    for (const b of KEYMAP) {
      for (const k of b.keys) expect(doc).toContain(`\`${keyName(k)}\``);
      expect(table).toContain(b.help);
    }
  });

  it('catches a README whose table drifted from the keymap', () => {
    const readme = read('README.md');
    const drifted = readme.replace(KEYMAP[0]?.help ?? '', 'Something else');
    expect(drifted).not.toBe(readme);
    expect(withReadmeKeys(drifted)).not.toBe(drifted);
  });
});
