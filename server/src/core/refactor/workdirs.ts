/** The working directory each instruction of the original stage runs in. */
import type { Item, OriginalStage } from './original';
import { joinPath } from './paths';

/**
 * The working directory before each item, undefined when not known (a variable, or no `WORKDIR` and an unknown default).
 * @param initial the base image's working directory, when known.
 */
export function workdirsOf(original: OriginalStage, initial: string | undefined): Map<Item, string | undefined> {
  const result = new Map<Item, string | undefined>();
  let dir = initial;
  for (const item of original.items) {
    result.set(item, dir);
    if (item.keyword !== 'WORKDIR') continue;
    const arg = item.instr.node.getArgumentsContent()?.trim() ?? '';
    dir = arg.includes('$') ? undefined : arg.startsWith('/') ? joinPath('/', arg) : dir === undefined ? undefined : joinPath(dir, arg);
  }
  return result;
}
