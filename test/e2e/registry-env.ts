/**
 * What the runner tells the in-host suite about the run's loopback registry: `$DFO_E2E_REGISTRY`, JSON,
 * set in the editor's environment (which the extension host inherits). No imports: the suite bundles it.
 */

export const REGISTRY_ENV = 'DFO_E2E_REGISTRY';

/** The seeded images the pinning checks use (`fixtures/pin/`), as repository:tag under the registry host. */
export const PIN_IMAGES = ['library/node:18-alpine', 'library/node:18-bookworm'] as const;

/** Stands for the registry host (`127.0.0.1:PORT`) in `fixtures/pin/`; the runner writes the real one. */
export const REGISTRY_PLACEHOLDER = '{{registry}}';

export interface RegistryImage {
  /** The tag's index (manifest list) digest: what pinning must write. */
  digest: string;
  /** The image's platforms as `os/arch[/variant]`, without attestation entries. */
  platforms: string[];
}

export type RegistryUnderTest =
  | { host: string; images: Record<string, RegistryImage> }
  /** Why no registry runs: every pinning check fails with this. */
  | { unavailable: string };
