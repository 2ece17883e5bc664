/** What the core asks of a container registry: digests to pin and facts to show. Implemented in `io/registry.ts`. */
import type { ImageRef } from './image-ref';

/** One platform image of a tag (an entry of an OCI index / Docker manifest list, or a single manifest). */
export interface PlatformFacts {
  os: string;
  architecture: string;
  variant?: string;
  /** Digest of this platform's manifest. */
  digest: string;
  /** Sum of the compressed layer sizes in this platform's manifest, in bytes (what Docker Hub shows). */
  compressedSize: number;
  /** `created` from the image config, when the config records it. */
  created?: string;
}

/** Facts about a tag or digest, as the registry serves it. */
export interface ImageFacts {
  /** Normalised reference: `docker.io/library/node:18-alpine`, `ghcr.io/o/r@sha256:…`. */
  reference: string;
  /** Top-level digest: the index (manifest list) digest for multi-platform images. This is what to pin. */
  digest: string;
  /** Media type of the top-level manifest. */
  mediaType: string;
  /** Runnable platform images, attestation entries left out. */
  platforms: PlatformFacts[];
}

/** Why a registry lookup failed. */
export type RegistryErrorKind =
  | 'dns'
  | 'tls'
  | 'auth'
  | 'not-found'
  | 'rate-limited'
  | 'server'
  | 'timeout'
  | 'malformed'
  | 'too-large'
  | 'network'
  | 'insecure'
  | 'cancelled';

/**
 * A failed lookup. `message` is one readable sentence that names the image and the cause, such as
 * "Could not look up `node:18-alpine` on registry-1.docker.io: the request timed out after 10 s".
 * It never contains credentials.
 */
export interface RegistryError {
  kind: RegistryErrorKind;
  /** The image reference as written. */
  image: string;
  message: string;
}

export interface ResolveDigestOptions {
  /** `os/architecture[/variant]`, e.g. `linux/arm64`: return that platform's manifest digest instead of the index digest. */
  platform?: string;
  signal?: AbortSignal;
}

export interface ImageFactsOptions {
  signal?: AbortSignal;
}

/** Read-only access to container registries. Every method rejects with a {@link RegistryError}. */
export interface RegistryClient {
  /** The digest to pin `ref` to: the index digest, or one platform's manifest digest when `platform` is given. */
  resolveDigest(ref: ImageRef, options?: ResolveDigestOptions): Promise<string>;
  /** Digest, media type and per-platform sizes and creation dates of `ref`. */
  imageFacts(ref: ImageRef, options?: ImageFactsOptions): Promise<ImageFacts>;
}

const KINDS: ReadonlySet<string> = new Set<RegistryErrorKind>([
  'dns', 'tls', 'auth', 'not-found', 'rate-limited', 'server', 'timeout', 'malformed', 'too-large', 'network', 'insecure', 'cancelled',
]);

/** True for errors thrown by a {@link RegistryClient}. */
export function isRegistryError(value: unknown): value is RegistryError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<RegistryError>;
  return typeof v.kind === 'string' && KINDS.has(v.kind) && typeof v.image === 'string' && typeof v.message === 'string';
}
