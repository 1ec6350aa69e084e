// Finds relative links and anchors in Markdown that do not resolve, the way GitHub renders them.
import {existsSync, readFileSync, statSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';

/** Markdown text without fenced code blocks (their lines become empty, so line numbers stay). */
function prose(markdown: string): string[] {
  let fence: string | undefined;
  return markdown.split('\n').map((line) => {
    const open = /^\s*(```+|~~~+)/.exec(line)?.[1];
    if (fence) {
      if (open && open[0] === fence[0] && open.length >= fence.length) fence = undefined;
      return '';
    }
    if (open) {
      fence = open;
      return '';
    }
    return line;
  });
}

/** GitHub's anchor for a heading text: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  const text = heading
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{N}\p{M} _-]/gu, '').replace(/ /g, '-');
}

/** The anchors a Markdown file offers (duplicate headings get -1, -2, … as on GitHub). */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const line of prose(markdown)) {
    const heading = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const base = slug(heading);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** Every `[text](target)` outside code, with its line number. */
export function links(markdown: string): Array<{readonly line: number; readonly target: string}> {
  const out: Array<{line: number; target: string}> = [];
  prose(markdown).forEach((text, i) => {
    const line = text.replace(/`[^`]*`/g, '');
    for (const m of line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) out.push({line: i + 1, target: m[1] ?? ''});
    const ref = /^ {0,3}\[[^\]]+\]:\s+<?([^\s>]+)>?/.exec(line);
    if (ref?.[1]) out.push({line: i + 1, target: ref[1]});
  });
  return out;
}

/** Problems with the relative links of one file: a missing file, or a missing anchor in a Markdown file. */
export function brokenLinks(file: string, markdown: string = readFileSync(file, 'utf8')): string[] {
  const problems: string[] = [];
  for (const {line, target} of links(markdown)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:: not relative
    const [rawPath = '', anchor] = target.split('#', 2);
    const path = decodeURIComponent(rawPath);
    const where = `${file}:${line}: ${target}`;
    const resolved = path ? resolve(dirname(file), path) : file;
    if (path && !existsSync(resolved)) {
      problems.push(`${where}: no such file`);
      continue;
    }
    if (anchor === undefined || anchor === '') continue;
    if (statSync(resolved).isDirectory() || !resolved.endsWith('.md')) {
      problems.push(`${where}: an anchor into something that is not a Markdown file`);
      continue;
    }
    const text = resolved === file ? markdown : readFileSync(resolved, 'utf8');
    if (!anchors(text).has(decodeURIComponent(anchor).toLowerCase())) problems.push(`${where}: no heading with that anchor`);
  }
  return problems;
}

/** README.md and every Markdown file under docs/, as absolute paths. */
export function documentationFiles(root: string, readdir: (dir: string) => string[]): string[] {
  const out = [join(root, 'README.md')];
  const walk = (dir: string) => {
    for (const name of readdir(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.md')) out.push(path);
    }
  };
  if (existsSync(join(root, 'docs'))) walk(join(root, 'docs'));
  return out;
}
