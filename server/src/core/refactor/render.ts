/** Writing lines of the split Dockerfile: `FROM` lines, the original's items with their comments, the stages joined. */
import type { Item, OriginalStage } from './original';

/** `FROM [--platform=…] <image> [AS <name>]`, with the original's platform flag. */
export function fromLine(original: OriginalStage, image: string, name?: string): string {
  return ['FROM', original.platformFlag, image, name ? `AS ${name}` : undefined].filter(Boolean).join(' ');
}

/** An item of the original as lines: the comments above it, then its text (as written, or `text` in its place). */
export function itemLines(item: Item, text = item.text): string[] {
  return [...item.comments, ...text.split(/\r?\n/)];
}

/** Joins stages with a blank line between them, in the file's line endings. */
export function joinStages(original: OriginalStage, stages: string[][]): string {
  const nl = original.eol;
  const header = original.header.replace(/\r?\n/g, nl);
  const body = stages.map((s) => s.join('\n')).join('\n\n');
  return header + body.replace(/\n/g, nl) + nl;
}
