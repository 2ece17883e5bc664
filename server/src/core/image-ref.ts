/** Parsing and normalising image references (`[registry/]repository[:tag][@digest]`). */

export interface ImageRef {
  /** The reference as given (after ARG substitution). */
  text: string;
  /** Repository as written, without tag or digest: `node`, `gcr.io/distroless/static`. */
  name: string;
  /** Registry host (with port), `docker.io` when none is written. */
  registry: string;
  /** Repository path within the registry, with Docker Hub's `library/` added for single names. */
  repository: string;
  tag?: string;
  digest?: string;
}

export const DOCKER_HUB = 'docker.io';

const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

function isRegistryHost(component: string): boolean {
  return component.includes('.') || component.includes(':') || component === 'localhost';
}

/** Parses an image reference; returns undefined for text that is not a valid reference. */
export function parseImageRef(text: string): ImageRef | undefined {
  if (text.length === 0 || text.length > 512 || /\s/.test(text)) return undefined;
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return undefined;
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', lastSlash + 1);
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return undefined;
  }
  const name = rest;
  const parts = name.split('/');
  let registry = DOCKER_HUB;
  if (parts.length > 1 && isRegistryHost(parts[0])) {
    registry = parts.shift()!;
  }
  if (parts.length === 0 || !parts.every((p) => COMPONENT.test(p))) return undefined;
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = DOCKER_HUB;
  let repository = parts.join('/');
  if (registry === DOCKER_HUB && parts.length === 1) repository = `library/${repository}`;
  return { text, name, registry, repository, tag, digest };
}

/** Short repository name without registry or `library/`: `node`, `distroless/static`. */
export function shortName(ref: ImageRef): string {
  return ref.repository.startsWith('library/') ? ref.repository.slice('library/'.length) : ref.repository;
}

/** The last path component of the repository: `node`, `static-debian12`. */
export function baseName(ref: ImageRef): string {
  return ref.repository.slice(ref.repository.lastIndexOf('/') + 1);
}

/** The key of a tag lookup: `docker.io/library/node:18-alpine` (`latest` when no tag is written). */
export function tagKey(ref: ImageRef): string {
  return `${ref.registry}/${ref.repository}:${ref.tag ?? 'latest'}`;
}
