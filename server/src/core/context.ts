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

/** A source path of `COPY`/`ADD` as a path of the context: no leading `./` or `/`, `.` for the root. */
export function contextPath(source: string): string {
  const parts = source.split('/').filter((p) => p !== '' && p !== '.');
  return parts.length ? parts.join('/') : '.';
}

function matchesPathOrParent(re: RegExp, path: string): boolean {
  const parts = path.split('/');
  for (let i = parts.length; i > 0; i--) if (re.test(parts.slice(0, i).join('/'))) return true;
  return false;
}

/**
 * Whether the ignore file excludes a path of the context, itself or through a folder above it (Docker's
 * `MatchesOrParentMatches`, the last matching pattern wins). A `!` pattern for something below the path
 * keeps it: copying a folder with re-included content is fine.
 */
export function isPathExcluded(content: string, path: string): boolean {
  let excluded = false;
  const patterns = ignorePatterns(content);
  for (const { pattern, negated } of patterns) {
    const re = globToRegExp(pattern);
    const match = matchesPathOrParent(re, path) || (pattern.startsWith('**/') && matchesPathOrParent(globToRegExp(pattern.slice(3)), path));
    if (match) excluded = !negated;
  }
  return excluded && !patterns.some((p) => p.negated && p.pattern.startsWith(`${path}/`));
}

/**
 * Whether copying the whole context copies nothing: every entry of the context root is excluded
 * (`entries` when the folder can be listed, else a few typical names with the Dockerfile's).
 */
export function isContextExcluded(content: string, entries: string[]): boolean {
  return entries.length > 0 && entries.every((entry) => isPathExcluded(content, entry));
}
