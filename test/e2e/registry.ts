/**
 * The loopback registry of an e2e run, for the pinning checks: Debian's `docker-registry` on
 * 127.0.0.1 without auth, seeded by test/helpers/registry (installed with apt when missing and
 * possible). When it cannot run, the run goes on and the pinning checks fail with the reason.
 */
import { ensureRegistryTools } from '../helpers/registry/install';
import { startTestRegistry } from '../helpers/registry/test-registry';
import { stopOnSignal } from './code-server';
import { PIN_IMAGES, REGISTRY_ENV, type RegistryUnderTest } from './registry-env';

export interface E2eRegistry {
  info: RegistryUnderTest;
  /** For the editor's environment. */
  env: Record<string, string>;
  /** Stops the registry and deletes its files; safe to call more than once, and when none started. */
  stop(): Promise<void>;
}

function envOf(info: RegistryUnderTest): Record<string, string> {
  return { [REGISTRY_ENV]: JSON.stringify(info) };
}

function unavailable(reason: string): E2eRegistry {
  const info = { unavailable: reason };
  return { info, env: envOf(info), stop: async () => undefined };
}

export async function startE2eRegistry(): Promise<E2eRegistry> {
  const tools = ensureRegistryTools();
  if (!tools.ok) return unavailable(`docker-registry cannot run here: ${tools.reason}`);
  const starting = startTestRegistry({ auth: 'none' });
  // Ctrl+C or SIGTERM while it starts or runs: stop it with code-server (a half-started one stops itself).
  const unregister = stopOnSignal('the loopback registry', async () => (await starting.catch(() => undefined))?.stop());
  let registry;
  try {
    registry = await starting;
  } catch (error) {
    unregister();
    return unavailable(`the loopback registry did not start: ${error instanceof Error ? error.message : error}`);
  }
  const stop = async () => {
    unregister();
    await registry.stop();
  };
  const images: Record<string, { digest: string; platforms: string[] }> = {};
  for (const image of PIN_IMAGES) {
    const seeded = registry.seeded[image];
    if (!seeded) {
      await stop();
      return unavailable(`the loopback registry was not seeded with ${image} (seeded: ${Object.keys(registry.seeded).join(', ')})`);
    }
    images[image] = { digest: seeded.digest, platforms: Object.keys(seeded.platforms) };
  }
  const info = { host: registry.host, images };
  return { info, env: envOf(info), stop };
}
