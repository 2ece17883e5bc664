/** Turning command-line paths and globs into Dockerfile paths. */
import { glob, isDynamicPattern } from 'tinyglobby';
import { InputError } from './read-dockerfile';

export interface FoundPaths {
  files: string[];
  errors: Array<{ path: string; message: string }>;
}

/** Expands globs (without following symbolic links, so link loops cannot hang it); plain paths are kept as given. */
export async function findFiles(args: string[], cwd = process.cwd()): Promise<FoundPaths> {
  const files: string[] = [];
  const errors: FoundPaths['errors'] = [];
  for (const arg of args) {
    if (!isDynamicPattern(arg)) {
      files.push(arg);
      continue;
    }
    const matches = await glob(arg, { cwd, onlyFiles: true, followSymbolicLinks: false, dot: false, ignore: ['**/node_modules/**', '**/.git/**'] });
    if (matches.length === 0) errors.push({ path: arg, message: new InputError('matches no files').message });
    files.push(...matches.sort());
  }
  return { files: [...new Set(files)], errors };
}
