/** Writing the stages of the split Dockerfile. */
import { isWholeContextCopy } from '../context';
import type { DependencyInstall } from '../ecosystems';
import { dependencyInstall } from '../ecosystems';
import type { DockerfileModel } from '../model';
import type { Item, OriginalStage } from './original';

/** Instructions that only matter in the image that runs; they leave the builder. */
const RUNTIME_ONLY = new Set(['CMD', 'ENTRYPOINT', 'EXPOSE', 'HEALTHCHECK', 'VOLUME', 'LABEL', 'STOPSIGNAL', 'ONBUILD']);

export function fromLine(original: OriginalStage, image: string, name?: string): string {
  return ['FROM', original.platformFlag, image, name ? `AS ${name}` : undefined].filter(Boolean).join(' ');
}

function withComments(item: Item): string[] {
  return [...item.comments, ...item.text.split(/\r?\n/)];
}

export interface BuilderOptions {
  name: string;
  /** The manifest files to copy before the dependency install (exact names or globs), when a whole-context copy comes first. */
  manifests?: (install: DependencyInstall) => string[] | undefined;
  /** Extra lines appended at the end of the builder (e.g. pruning dev dependencies). */
  append?: string[];
}

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
 * The builder: the original stage's build steps in their order, named, without the runtime-only
 * instructions, with manifest files copied and installed before the rest of the sources.
 */
export function builderLines(model: DockerfileModel, original: OriginalStage, options: BuilderOptions): string[] {
  const lines = [fromLine(original, original.imageText, options.name)];
  const items = original.items.filter((i) => !RUNTIME_ONLY.has(i.keyword));
  const copyIndex = items.findIndex((i) => isWholeContextCopy(i.instr));
  const moved = copyIndex >= 0 ? installAfterCopy(model, items, copyIndex) : undefined;
  const manifests = moved && options.manifests?.(moved.install);
  const between = moved ? items.slice(copyIndex + 1, moved.index) : [];
  const canMove = manifests && between.every((i) => ['ENV', 'ARG', 'USER'].includes(i.keyword));
  items.forEach((item, index) => {
    if (canMove && index === copyIndex) {
      const [, dest] = item.instr.node.getArguments().map((a) => a.getValue());
      const target = dest === '.' || dest === './' ? './' : dest.endsWith('/') ? dest : `${dest}/`;
      lines.push(...item.comments, `COPY ${manifests!.join(' ')} ${target}`);
      return;
    }
    lines.push(...withComments(item));
    if (canMove && index === moved!.index) lines.push(...withComments(items[copyIndex]).filter((l) => !l.startsWith('#')));
  });
  lines.push(...(options.append ?? []));
  return lines;
}

/** `ENV`, `ARG`, `EXPOSE`, `LABEL`, `VOLUME`, `STOPSIGNAL` of the original, as written, with their comments. */
export function settingLines(original: OriginalStage, keywords: string[]): string[] {
  return original.runtimeSettings.filter((i) => keywords.includes(i.keyword)).flatMap(withComments);
}

/** Joins stages with a blank line between them, in the file's line endings. */
export function joinStages(original: OriginalStage, stages: string[][]): string {
  const nl = original.eol;
  const header = original.header.replace(/\r?\n/g, nl);
  const body = stages.map((s) => s.join('\n')).join('\n\n');
  return header + body.replace(/\n/g, nl) + nl;
}
