/** The `COPY`/`ADD`s of the original stage that take files from the build context, and where they put them. */
import { isWholeContextCopy } from '../context';
import { flagsOf, type DockerfileModel } from '../model';
import type { Item, OriginalStage } from './original';
import { joinPath, pathWithin } from './paths';
import type { FoundCommand } from './run-commands';
import type { SplitContext } from './types';

/** A `COPY`/`ADD` from the build context. */
export interface ContextCopy {
  item: Item;
  sources: string[];
  /** The destination as written, and resolved (absolute, normalised); undefined when not known. */
  destText: string;
  dest?: string;
  /** `COPY . <dest>`. */
  whole: boolean;
  /** `--chown`, `--chmod`, `--link` as written. */
  flags: string[];
}

/** The original's copies from the build context (not `--from`), in order. */
export function contextCopies(model: DockerfileModel, original: OriginalStage, workdirs: Map<Item, string | undefined>): ContextCopy[] {
  const copies: ContextCopy[] = [];
  for (const item of original.items) {
    if (item.keyword !== 'COPY' && item.keyword !== 'ADD') continue;
    const flags = flagsOf(item.instr);
    if (flags.some((f) => f.getName().toLowerCase() === 'from')) continue;
    const args = item.instr.node.getArguments().map((a) => a.getValue());
    if (args.length < 2) continue;
    const destText = args[args.length - 1];
    const workdir = workdirs.get(item);
    const dest = destText.includes('$') ? undefined : destText.startsWith('/') ? joinPath('/', destText) : workdir === undefined ? undefined : joinPath(workdir, destText);
    copies.push({
      item,
      sources: args.slice(0, -1),
      destText,
      dest,
      whole: isWholeContextCopy(item.instr),
      flags: flags.filter((f) => ['chown', 'chmod', 'link'].includes(f.getName().toLowerCase())).map((f) => model.textOf(f.getRange())),
    });
  }
  return copies;
}

/**
 * The context folder a build command runs in (`projectDir`, context-relative), when the last
 * whole-context `COPY` before it put the context at `sourceDir` and the command runs inside that.
 */
export function projectDirOf(ctx: SplitContext, workdirs: Map<Item, string | undefined>, build: FoundCommand): { projectDir?: string; sourceDir?: string } {
  const copies = contextCopies(ctx.model, ctx.original, workdirs).filter((c) => c.whole && c.dest !== undefined && ctx.original.items.indexOf(c.item) < ctx.original.items.indexOf(build.item));
  const copy = copies.at(-1);
  if (!copy || build.workdir === undefined) return {};
  return { projectDir: pathWithin(copy.dest!, build.workdir), sourceDir: copy.dest };
}
