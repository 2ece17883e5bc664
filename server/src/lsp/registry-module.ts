/**
 * The registry client's module, loaded when registry lookups are first used. The extension ships it
 * as a bundle of its own, `dist/registry.js`, with its HTTP client (undici, a quarter of the
 * server's code): a server with lookups off, the default, never reads it, and its RSS after 1000
 * edits of the largest corpus file measured 1–2 MB lower than with the client inside `server.js`.
 */
import * as path from 'node:path';

/** Defined (true) by the server's build, which bundles the registry module separately. */
declare const REGISTRY_BUNDLE: boolean | undefined;

export type RegistryModule = typeof import('../io/registry');

export async function loadRegistryModule(): Promise<RegistryModule> {
  // An if-else on a constant of the build, so that the bundler leaves the other branch's import out.
  if (typeof REGISTRY_BUNDLE !== 'undefined' && REGISTRY_BUNDLE) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(path.join(__dirname, 'registry.js')) as RegistryModule;
  } else {
    return import('../io/registry');
  }
}
