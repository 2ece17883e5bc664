/**
 * The builder stage: the original stage's steps in their order, without the instructions that only
 * matter in the image that runs, with the dependency step put before the sources are copied, so
 * that its layer stays cached until a manifest changes.
 */
import { isWholeContextCopy } from '../context';
import { dependencyInstall, type DependencyInstall } from '../ecosystems';
import type { DockerfileModel } from '../model';
import type { ShellCommand } from '../shell';
import { contextCopies, type ContextCopy } from './context-copies';
import type { Item, OriginalStage } from './original';
import { dirname } from './paths';
import { fromLine, itemLines } from './render';
import type { SplitContext } from './types';
import { workdirsOf } from './workdirs';

/** Instructions that only matter in the image that runs; they leave the builder. */
const RUNTIME_ONLY = new Set(['CMD', 'ENTRYPOINT', 'EXPOSE', 'HEALTHCHECK', 'VOLUME', 'LABEL', 'STOPSIGNAL', 'ONBUILD']);

/** What a split may change in the builder besides the order of the dependency step. */
export interface BuilderOptions {
  /** The builder's image, when it differs from the original's. */
  image?: string;
  /** Lines right after `FROM` (Python's virtual environment). */
  prelude?: string[];
  /** New text for some items (the build command). */
  rewrites?: Map<Item, string>;
  /** Lines at the end (pruning the dev dependencies, copying the jar to a fixed name). */
  append?: string[];
}

/** Lines that take the place of some of the builder's items. */
type Replacements = Map<Item, string[]>;

/**
 * Writes the builder: `FROM … AS builder`, the prelude, the items that stay in the builder (each
 * with its comments and its rewritten text, or the lines that `reorder` puts in its place), then
 * the appended lines.
 * @param reorder given the items that stay and how an item is written, the items to replace.
 */
function builderStage(original: OriginalStage, options: BuilderOptions, reorder: (items: Item[], render: (item: Item) => string[]) => Replacements): string[] {
  const items = original.items.filter((i) => !RUNTIME_ONLY.has(i.keyword));
  const render = (item: Item) => itemLines(item, options.rewrites?.get(item));
  const replaced = reorder(items, render);
  return [
    fromLine(original, options.image ?? original.imageText, 'builder'),
    ...(options.prelude ?? []),
    ...items.flatMap((item) => replaced.get(item) ?? render(item)),
    ...(options.append ?? []),
  ];
}

/** `./` for the current folder, else the destination with a trailing `/`. */
function folderDest(dest: string): string {
  return dest === '.' || dest === './' ? './' : dest.endsWith('/') ? dest : `${dest}/`;
}

// ---------------------------------------------------------------------------------------------
// Interpreted projects (Node, static sites, Python): the install moves, the manifests come first.

/** The dependency install that comes after a whole-context `COPY`, if any. */
function installAfterCopy(model: DockerfileModel, items: Item[], copyIndex: number): { index: number; install: DependencyInstall } | undefined {
  for (let i = copyIndex + 1; i < items.length; i++) {
    if (items[i].keyword !== 'RUN') continue;
    const commands = model.shell(items[i].instr).commands;
    const install = commands.map(dependencyInstall).find((d) => d !== undefined);
    if (install) return commands.every((c) => dependencyInstall(c) !== undefined) ? { index: i, install } : undefined;
  }
  return undefined;
}

/**
 * The builder of an interpreted project. When a `RUN` that only installs the dependencies follows
 * the whole-context `COPY` (with only `ENV`, `ARG` and `USER` between them), the manifest files
 * are copied in the `COPY`'s place and the `COPY` moves after the install.
 * @param options.manifests the manifest files (exact names or globs) that the install reads, if known.
 */
export function builderLines(model: DockerfileModel, original: OriginalStage, options: BuilderOptions & { manifests?: (install: DependencyInstall) => string[] | undefined }): string[] {
  return builderStage(original, options, (items, render) => {
    const replaced: Replacements = new Map();
    const copyIndex = items.findIndex((i) => isWholeContextCopy(i.instr));
    const moved = copyIndex >= 0 ? installAfterCopy(model, items, copyIndex) : undefined;
    const manifests = moved && options.manifests?.(moved.install);
    if (!moved || !manifests || !items.slice(copyIndex + 1, moved.index).every((i) => ['ENV', 'ARG', 'USER'].includes(i.keyword))) return replaced;
    const copy = items[copyIndex];
    const [, dest] = copy.instr.node.getArguments().map((a) => a.getValue());
    replaced.set(copy, [...copy.comments, `COPY ${manifests.join(' ')} ${folderDest(dest)}`]);
    replaced.set(items[moved.index], [...render(items[moved.index]), ...render(copy).filter((l) => !l.startsWith('#'))]);
    return replaced;
  });
}

// ---------------------------------------------------------------------------------------------
// Compiled projects (Go, Rust, Java, .NET): a warm-up step goes before the sources.

/** How a compiled project fetches its dependencies before the sources are copied. */
export interface WarmUp {
  /** A command of the original that already fetches the dependencies (`go mod download`). */
  isWarmup(command: ShellCommand): boolean;
  /** Whether such a command, in a `RUN` of its own after the whole-context copy, can run before it with only the manifests. */
  movable?(command: ShellCommand): boolean;
  /** Context-relative files to copy before it, to the same place under the whole-context copy's destination. */
  files: string[];
  /** Context-relative folders to copy the same way (`.mvn`, `gradle`). */
  folders?: string[];
  /** The `RUN` lines to add when the original has none. */
  run: string[];
}

function manifestCopies(copy: ContextCopy, warmup: WarmUp): string[] {
  const dest = folderDest(copy.destText);
  const flags = copy.flags.length ? `${copy.flags.join(' ')} ` : '';
  const byDir = new Map<string, string[]>();
  for (const path of warmup.files) byDir.set(dirname(path), [...(byDir.get(dirname(path)) ?? []), path]);
  return [
    ...[...byDir].map(([dir, list]) => `COPY ${flags}${list.join(' ')} ${dest}${dir ? `${dir}/` : ''}`),
    ...(warmup.folders ?? []).map((folder) => `COPY ${flags}${folder} ${dest}${folder}`),
  ];
}

/**
 * The builder of a compiled project. When the original copies the whole context and does not
 * fetch the dependencies before that, the manifests are copied and the dependencies fetched first.
 * A `RUN` of the original that only fetches them after the whole-context copy (with only `ENV`
 * and `ARG` between) is moved in front of it; otherwise the warm-up's own `RUN` is added.
 * @returns the lines, and whether the dependencies are fetched in a layer of their own.
 */
export function compiledBuilder(ctx: SplitContext, options: BuilderOptions & { warmup?: WarmUp }): { lines: string[]; warmedUp: boolean } {
  const { model, original } = ctx;
  const warmup = options.warmup;
  let warmedUp = false;
  const lines = builderStage(original, options, (items, render) => {
    const replaced: Replacements = new Map();
    const wholeIndex = items.findIndex((i) => isWholeContextCopy(i.instr));
    if (!warmup || wholeIndex < 0) return replaced;
    const commandsOf = (item: Item) => (item.keyword === 'RUN' ? model.shell(item.instr).commands : []);
    if (items.slice(0, wholeIndex).some((i) => commandsOf(i).some((c) => warmup.isWarmup(c)))) return replaced;
    let moved: Item | undefined;
    for (const item of items.slice(wholeIndex + 1)) {
      const commands = commandsOf(item);
      if (item.keyword === 'RUN' && commands.length > 0 && commands.every((c) => warmup.isWarmup(c) && (warmup.movable?.(c) ?? false))) {
        moved = item;
        break;
      }
      if (!['ENV', 'ARG'].includes(item.keyword)) break;
    }
    const whole = items[wholeIndex];
    const copy = contextCopies(model, original, workdirsOf(original, undefined)).find((c) => c.item === whole);
    if (!copy || (!moved && warmup.run.length === 0)) return replaced;
    replaced.set(whole, [...manifestCopies(copy, warmup), ...(moved ? render(moved) : warmup.run), ...render(whole)]);
    if (moved) replaced.set(moved, []);
    warmedUp = true;
    return replaced;
  });
  return { lines, warmedUp };
}
