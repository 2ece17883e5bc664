/** Progress lines with the time since the script started. */
const started = Date.now();

export function elapsed(): string {
  return `${((Date.now() - started) / 1000).toFixed(1)}s`;
}

export function step(message: string): void {
  console.log(`=== [${elapsed()}] ${message}`);
}

function wrap(line: string, width: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current && current.length + 1 + word.length > width) {
      out.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  return [...out, current];
}

/** A message that must not be missed (skips, failures to provision), boxed and wrapped at 96 columns. */
export function banner(lines: string[]): void {
  const wrapped = lines.flatMap((l) => wrap(l, 96));
  const width = Math.max(...wrapped.map((l) => l.length)) + 4;
  const rule = '#'.repeat(width);
  console.log(['', rule, ...wrapped.map((l) => `# ${l.padEnd(width - 4)} #`), rule, ''].join('\n'));
}
