/** Whole-context copies and `.dockerignore` matching. */
import { flagValue, type DockerfileModel, type Instr } from './model';
import type { ContextFiles } from './types';

/** `COPY . <dest>` / `ADD ./ <dest>`: copies the whole build context (not from another stage). */
export function isWholeContextCopy(instr: Instr): boolean {
  if ((instr.keyword !== 'COPY' && instr.keyword !== 'ADD') || flagValue(instr, 'from') !== undefined) return false;
  const args = instr.node.getArguments().map((a) => a.getValue());
  return args.length === 2 && (args[0] === '.' || args[0] === './');
}

export function wholeContextCopies(model: DockerfileModel): Instr[] {
  return model.instructions.filter((i) => i.stage && isWholeContextCopy(i));
}

/** The ignore file BuildKit uses: `<Dockerfile name>.dockerignore` if present, else `.dockerignore`. */
export function ignoreFileName(files: ContextFiles, fileName: string): string {
  const specific = `${fileName}.dockerignore`;
  return files.exists(specific) ? specific : '.dockerignore';
}

function globToRegExp(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '*' && pattern[i + 1] === '*') {
      out += '.*';
      i++;
      if (pattern[i + 1] === '/') i++;
    } else if (ch === '*') out += '[^/]*';
    else if (ch === '?') out += '[^/]';
    else out += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/** The patterns of a `.dockerignore` (comments and blank lines dropped), leading `/` and trailing `/` removed. */
export function ignorePatterns(content: string): Array<{ pattern: string; negated: boolean }> {
  return content
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const negated = l.startsWith('!');
      const pattern = (negated ? l.slice(1) : l).trim().replace(/^\.?\/+/, '').replace(/\/+$/, '');
      return { pattern, negated };
    });
}

/** Whether the ignore file excludes a top-level path (the last matching pattern wins, as in Docker). */
export function isIgnored(content: string, path: string): boolean {
  let ignored = false;
  for (const { pattern, negated } of ignorePatterns(content)) {
    const re = globToRegExp(pattern);
    if (re.test(path) || (pattern.startsWith('**/') && globToRegExp(pattern.slice(3)).test(path))) {
      ignored = !negated;
    }
  }
  return ignored;
}
