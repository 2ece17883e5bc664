/** Progress lines with the time since the script started. */
const started = Date.now();

export function elapsed(): string {
  return `${((Date.now() - started) / 1000).toFixed(1)}s`;
}

export function step(message: string): void {
  console.log(`=== [${elapsed()}] ${message}`);
}

/** A message that must not be missed (skips, failures to provision). */
export function banner(lines: string[]): void {
  const width = Math.max(...lines.map((l) => l.length)) + 4;
  const rule = '#'.repeat(width);
  console.log(['', rule, ...lines.map((l) => `# ${l.padEnd(width - 4)} #`), rule, ''].join('\n'));
}
