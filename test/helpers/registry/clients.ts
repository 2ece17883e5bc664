/** Registry clients for tests: logs collected, an empty Docker config unless one is given, closed after the file. */
import { describe, it } from 'vitest';
import { parseImageRef, type ImageRef } from '../../../server/src/core/image-ref';
import { isRegistryError, type RegistryError } from '../../../server/src/core/registry-types';
import { createRegistryClient, type NodeRegistryClient, type RegistryClientOptions } from '../../../server/src/io/registry';
import { ensureRegistryTools } from './install';

export interface ClientFactory {
  make(options?: RegistryClientOptions): NodeRegistryClient;
  /** Every line any client of this factory logged. */
  logs: string[];
  closeAll(): Promise<void>;
}

/** Creates clients that log into `logs` and read no real Docker config. */
export function clientFactory(): ClientFactory {
  const made: NodeRegistryClient[] = [];
  const logs: string[] = [];
  return {
    make(options = {}) {
      const client = createRegistryClient({ dockerConfigPath: '/nonexistent/docker/config.json', log: (m) => logs.push(m), ...options });
      made.push(client);
      return client;
    },
    logs,
    async closeAll() {
      await Promise.all(made.splice(0).map((c) => c.close()));
    },
  };
}

/** Parses a reference that the test knows is valid. */
export function ref(text: string): ImageRef {
  const parsed = parseImageRef(text);
  if (!parsed) throw new Error(`not an image reference: ${text}`);
  return parsed;
}

/** Resolves the rejection of `promise` (fails when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<RegistryError & { stack?: string }> {
  try {
    await promise;
  } catch (error) {
    if (!isRegistryError(error)) throw error;
    return error;
  }
  throw new Error('expected the lookup to fail');
}

/**
 * `describe` that runs only when docker-registry is installed or installable (root + apt-get);
 * otherwise one skipped test says why.
 */
export function describeWithRegistry(name: string, body: () => void): void {
  const tools = ensureRegistryTools();
  if (tools.ok) describe(name, body);
  else describe(name, () => it.skip(`skipped: ${tools.reason}`, () => undefined));
}
