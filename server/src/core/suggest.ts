/** "Did you mean" suggestions for misspelt names, as BuildKit makes them (edit distance below 3). */

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length];
}

/** The closest of `options` to `value` within an edit distance of 2, or undefined (also when `value` is one of them). */
export function suggest(value: string, options: Iterable<string>, caseSensitive = true): string | undefined {
  const norm = (s: string) => (caseSensitive ? s : s.toLowerCase());
  const target = norm(value);
  let best: string | undefined;
  let min = 3;
  for (const option of options) {
    const d = distance(target, norm(option));
    if (d === 0) return undefined;
    if (d < min) {
      min = d;
      best = option;
    }
  }
  return best;
}
