/** Paths inside the image (POSIX, absolute) and inside the build context (relative, no `./`). */

/** Joins and normalises a path; `rel` may be absolute. Undefined when it climbs above `/`. */
export function joinPath(base: string, rel: string): string | undefined {
  const parts: string[] = [];
  for (const segment of `${rel.startsWith('/') ? '' : base}/${rel}`.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(segment);
  }
  return `/${parts.join('/')}`;
}

/** `dir` relative to `base` when it is `base` or inside it (`''` for the same folder), else undefined. */
export function pathWithin(base: string, dir: string): string | undefined {
  if (dir === base) return '';
  const prefix = base === '/' ? '/' : `${base}/`;
  return dir.startsWith(prefix) ? dir.slice(prefix.length) : undefined;
}

/** A context-relative path: `./a/b/` → `a/b`, `.` → `''`; undefined when it leaves the context. */
export function contextPath(path: string): string | undefined {
  const joined = joinPath('/', path);
  return joined === undefined ? undefined : joined.slice(1);
}

/** The folder part of a path (`''` when it has none). */
export function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** The last element of a path, trailing slashes ignored. */
export function basename(path: string): string {
  return path.replace(/\/+$/, '').slice(path.replace(/\/+$/, '').lastIndexOf('/') + 1);
}
