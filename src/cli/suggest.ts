// "Did you mean …": the closest valid word to a misspelt one (flags, commands, scenarios, contexts, config keys).

/** Edit distance with transpositions (optimal string alignment), case-insensitive; `_` and `-` are alike. */
export function distance(a: string, b: string): number {
  const s = a.toLowerCase().replace(/_/g, '-');
  const t = b.toLowerCase().replace(/_/g, '-');
  const d: number[][] = Array.from({length: s.length + 1}, (_, i) => Array.from({length: t.length + 1}, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      row[j] = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[s.length] as number[])[t.length] as number;
}

/** The closest of `words` to `word`, or undefined when none is close (more than about a third of it differs). */
export function closest(word: string, words: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of words) {
    // A prefix is a strong hint ("--ref" for "--refresh", "stat" for "status").
    const d = candidate.toLowerCase().startsWith(word.toLowerCase()) && word.length >= 2 ? 1 : distance(word, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** ` (did you mean "X"?)`, or the list of valid words when none is close. */
export function didYouMean(word: string, words: readonly string[], quote = (w: string) => `"${w}"`): string {
  const best = closest(word, words);
  if (best) return ` (did you mean ${quote(best)}?)`;
  return words.length > 0 ? ` (valid: ${words.map(quote).join(', ')})` : '';
}
