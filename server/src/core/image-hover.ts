/** The hover text for a `FROM` image: digest, platforms, sizes, build dates, and smaller variants. */
import type { ImageFacts } from './registry-types';

export interface VariantFacts {
  image: string;
  /** Compressed size on the same platform, or an error message. */
  size?: number;
  error?: string;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${bytes} B`;
}

function platformName(p: ImageFacts['platforms'][number]): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}

/** The platform to compare variants on: linux/amd64 when the image has it, else its first platform. */
export function referencePlatform(facts: ImageFacts): ImageFacts['platforms'][number] | undefined {
  return facts.platforms.find((p) => p.os === 'linux' && p.architecture === 'amd64') ?? facts.platforms[0];
}

export function imageHoverMarkdown(image: string, facts: ImageFacts, variants: VariantFacts[]): string {
  const lines = [`**${image}**`, '', `Digest: \`${facts.digest}\``, ''];
  if (facts.platforms.length) {
    lines.push('| Platform | Compressed size | Built |', '| --- | ---: | --- |');
    for (const p of facts.platforms) lines.push(`| ${platformName(p)} | ${formatBytes(p.compressedSize)} | ${p.created ? p.created.slice(0, 10) : '—'} |`);
    lines.push('');
  }
  const reference = referencePlatform(facts);
  if (variants.length && reference) {
    lines.push(`Smaller variants (${platformName(reference)}):`, '', '| Image | Compressed size | |', '| --- | ---: | ---: |');
    for (const v of variants) {
      if (v.size === undefined) {
        lines.push(`| \`${v.image}\` | — | ${v.error ?? 'not available'} |`);
        continue;
      }
      const change = ((v.size - reference.compressedSize) / reference.compressedSize) * 100;
      lines.push(`| \`${v.image}\` | ${formatBytes(v.size)} | ${change <= 0 ? '' : '+'}${change.toFixed(0)} % |`);
    }
  }
  return lines.join('\n');
}
