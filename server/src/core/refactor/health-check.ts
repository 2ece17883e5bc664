/** What the original's `HEALTHCHECK` runs, and what the runtime image then needs for it. */
import type { OriginalStage } from './original';
import { basename } from './paths';

/** The programs a `HEALTHCHECK CMD` runs (first word of each command), or undefined without a health check. */
function healthcheckPrograms(original: OriginalStage): string[] | undefined {
  const item = original.runtimeSettings.find((i) => i.keyword === 'HEALTHCHECK');
  if (!item) return undefined;
  const text = item.text.replace(/\\\r?\n/g, ' ');
  const match = /\bCMD\s+([\s\S]*)$/i.exec(text);
  if (!match) return [];
  let script = match[1].trim();
  if (script.startsWith('[')) {
    try {
      const argv = JSON.parse(script) as string[];
      if (!/(^|\/)(sh|bash|ash)$/.test(argv[0] ?? '') || argv[1] !== '-c') return [basename(argv[0] ?? '')];
      script = argv[2] ?? '';
    } catch {
      return ['?'];
    }
  }
  return script
    .replace(/"(?:[^"\\]|\\.)*"|'[^']*'/g, 'ARG')
    .split(/&&|\|\||[;|]/)
    .map((part) => part.trim().split(/\s+/)[0] ?? '')
    .filter(Boolean)
    .map((p) => basename(p));
}

/** Programs every shell image has. */
const SHELL_BUILTINS = new Set(['exit', 'test', '[', 'true', 'false', 'sh', 'echo', 'cat', 'grep', 'pgrep', 'kill']);

/**
 * What the runtime needs for the original's `HEALTHCHECK`: packages to install (`curl`, `wget`), or
 * a refusal when it runs something the runtime may not have.
 * @param available programs the runtime image has (`python`, `java`…).
 */
export function healthcheckNeeds(original: OriginalStage, family: 'apt' | 'apk', available: string[]): { packages: string[] } | string {
  const programs = healthcheckPrograms(original);
  if (!programs || /HEALTHCHECK\s+NONE\b/i.test(original.runtimeSettings.find((i) => i.keyword === 'HEALTHCHECK')?.text ?? '')) return { packages: [] };
  const packages: string[] = [];
  for (const program of programs) {
    if (program === 'curl' || (program === 'wget' && family === 'apt')) {
      if (!packages.includes(program)) packages.push(program);
    } else if (!(program === 'wget' && family === 'apk') && !SHELL_BUILTINS.has(program) && !available.includes(program)) {
      return `the \`HEALTHCHECK\` runs \`${program}\`, which the runtime image may not have`;
    }
  }
  return { packages };
}
