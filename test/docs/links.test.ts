// No dangling references: every relative link (and anchor) in README.md and docs/ resolves, the docs index names
// every page, and the documents the code cites exist (with the section it names).
import {mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, relative} from 'node:path';
import {describe, expect, it} from 'vitest';
import {anchors, brokenLinks, documentationFiles, links, slug} from '../helpers/markdown-links.js';
import {codeFiles} from '../helpers/repo-files.js';

const ROOT = join(import.meta.dirname, '..', '..');
const docs = documentationFiles(ROOT, (dir) => readdirSync(dir));

describe('the link checker', () => {
  it('makes GitHub anchors from headings', () => {
    expect(slug('Rules shipped in `deploy/prometheus/`')).toBe('rules-shipped-in-deployprometheus');
    expect(slug('What it writes (only through the action framework: confirmed and journaled)')).toBe(
      'what-it-writes-only-through-the-action-framework-confirmed-and-journaled',
    );
    expect(slug('Tolerances, and why')).toBe('tolerances-and-why');
    expect([...anchors('# A\n## B\n```\n# not a heading\n```\n## B\n')]).toEqual(['a', 'b', 'b-1']);
  });

  it('reports a missing file and a missing anchor, and ignores code and absolute URLs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atp-links-'));
    writeFileSync(join(dir, 'other.md'), '# Other\n\n## Has this\n');
    const page = join(dir, 'page.md');
    const text = [
      '# Page',
      '[ok](other.md) [ok](other.md#has-this) [ok](#page) [web](https://example.com/x.md)',
      '[gone](missing.md) [no anchor](other.md#lacks-this) [self](#nowhere)',
      '`[in code](missing-in-code.md)`',
      '```',
      '[in a fence](missing-in-fence.md)',
      '```',
      '[ref]: also-missing.md',
    ].join('\n');
    writeFileSync(page, text);
    expect(links(text).map((l) => l.target)).not.toContain('missing-in-fence.md');
    const problems = brokenLinks(page, text).map((p) => p.replace(`${page}:`, ''));
    expect(problems).toEqual([
      '3: missing.md: no such file',
      '3: other.md#lacks-this: no heading with that anchor',
      '3: #nowhere: no heading with that anchor',
      '8: also-missing.md: no such file',
    ]);
  });
});

describe('README.md and docs/', () => {
  it('finds the README and the docs pages', () => {
    const names = docs.map((f) => relative(ROOT, f));
    expect(names).toContain('README.md');
    expect(names).toContain(join('docs', 'README.md'));
  });

  it.each(docs.map((f) => [relative(ROOT, f), f]))('%s: every relative link and anchor resolves', (_name, file) => {
    expect(brokenLinks(file)).toEqual([]);
  });

  it('docs/README.md links every page under docs/', () => {
    const index = join(ROOT, 'docs', 'README.md');
    const linked = new Set(links(readFileSync(index, 'utf8')).map((l) => l.target.split('#')[0]));
    const pages = docs.filter((f) => f.startsWith(join(ROOT, 'docs')) && f !== index).map((f) => relative(join(ROOT, 'docs'), f));
    expect(pages.filter((p) => !linked.has(p))).toEqual([]);
  });
});

const CODE_DIRS = ['src', 'scripts', 'test', 'deploy', 'bench', 'bin', '.ci'];

describe('documents cited by the code', () => {
  const files = CODE_DIRS.flatMap((d) => codeFiles(join(ROOT, d)));

  it('exist: upper-case names (the design document) and docs/*.md paths', () => {
    const missing: string[] = [];
    for (const file of files) {
      for (const m of readFileSync(file, 'utf8').matchAll(/(?<![\w/.-])((?:docs\/[\w-]+)|(?:[A-Z][A-Z_]+))\.md\b/g)) {
        if (!statSync(join(ROOT, `${m[1]}.md`), {throwIfNoEntry: false})) missing.push(`${relative(ROOT, file)}: ${m[0]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('name sections that exist: (see README, "Secrets")', () => {
    const missing: string[] = [];
    for (const file of files) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\b(README|docs\/[\w-]+\.md), "([^"]+)"/g)) {
        const doc = m[1] === 'README' ? 'README.md' : (m[1] ?? '');
        const text = statSync(join(ROOT, doc), {throwIfNoEntry: false}) ? readFileSync(join(ROOT, doc), 'utf8') : '';
        if (!anchors(text).has(slug(m[2] ?? ''))) missing.push(`${relative(ROOT, file)}: ${m[0]}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
