/** Smaller variants of the same version of well-known official images: the article's size table, for any tag. */
import { parseImageRef, shortName, type ImageRef } from './image-ref';

/** The version part of a tag and its variant suffix: `18.19-bookworm` → `18.19` + `-bookworm`. */
function splitTag(tag: string): { version: string; variant: string } {
  const match = /^([0-9][\w.]*?|lts|current|latest|stable)(-.*)?$/.exec(tag);
  return match ? { version: match[1], variant: match[2] ?? '' } : { version: tag, variant: '' };
}

/** Slimmer images of the same version, for `node`, `python`, `ruby`, `debian`, `eclipse-temurin`, `golang`… */
export function smallerVariants(ref: ImageRef): ImageRef[] {
  if (ref.registry !== 'docker.io' || !ref.repository.startsWith('library/') || !ref.tag) return [];
  const name = shortName(ref);
  const { version, variant } = splitTag(ref.tag);
  const major = /^\d+/.exec(version)?.[0];
  const candidates: string[] = [];
  const tags = (...suffixes: string[]) => suffixes.forEach((s) => candidates.push(`${name}:${version}${s}`));
  switch (name) {
    case 'node':
      if (!/slim|alpine/.test(variant)) tags('-slim', '-alpine');
      if (major && Number(major) >= 18) candidates.push(`gcr.io/distroless/nodejs${major}-debian12:nonroot`);
      break;
    case 'python':
    case 'ruby':
    case 'php':
      if (!/slim|alpine/.test(variant)) tags('-slim', '-alpine');
      break;
    case 'golang':
      candidates.push('gcr.io/distroless/static-debian12:nonroot');
      if (!/alpine/.test(variant)) tags('-alpine');
      break;
    case 'eclipse-temurin':
      if (!/jre/.test(variant)) candidates.push(`${name}:${version}-jre`, `${name}:${version}-jre-alpine`);
      break;
    case 'debian':
      if (!/slim/.test(ref.tag)) candidates.push(`${name}:${ref.tag}-slim`);
      break;
    case 'nginx':
    case 'httpd':
    case 'redis':
    case 'postgres':
      if (!/alpine/.test(variant)) tags('-alpine');
      break;
  }
  return candidates.map((c) => parseImageRef(c)).filter((r): r is ImageRef => r !== undefined && r.text !== ref.text);
}
