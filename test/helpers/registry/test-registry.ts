/**
 * A seeded loopback registry for one test file: `docker-registry` with no auth, htpasswd or token
 * auth (with the helper token server), optionally behind TLS from a fresh self-signed CA.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCa, makeServerCert, makeTokenSigner } from './pki';
import { startRegistryProcess, type RegistryAuth, type RegistryProcess } from './registry-server';
import { seedImages, type Seeded } from './seed-images';
import { startTokenServer, type TokenServer } from './token-server';

export interface TestRegistryOptions {
  auth: 'none' | 'htpasswd' | 'token';
  tls?: boolean;
  /** Extra DNS names for the TLS certificate (reached through the test forward proxy). */
  dnsNames?: string[];
}

export interface TestRegistry {
  url: string;
  /** `127.0.0.1:<port>`, the registry part of image references. */
  host: string;
  seeded: Seeded;
  /** The test user (htpasswd and token modes). */
  user: { username: string; password: string };
  /** Refresh token the token server accepts. */
  identityToken: string;
  /** PEM of the CA that signed the registry's certificate (TLS mode). */
  ca?: string;
  token?: TokenServer;
  registry: RegistryProcess;
  stop(): Promise<void>;
}

export const TEST_USER = { username: 'testuser', password: 'S3cret-pass-4-tests' };
export const TEST_IDENTITY_TOKEN = 'identity-token-0123456789abcdef';

/** Starts and seeds a registry; `stop()` takes it (and its token server) down and deletes its files. */
export async function startTestRegistry(options: TestRegistryOptions): Promise<TestRegistry> {
  const dir = mkdtempSync(join(tmpdir(), `registry-${options.auth}${options.tls ? '-tls' : ''}-`));
  let token: TokenServer | undefined;
  let registry: RegistryProcess | undefined;
  const stop = async () => {
    await registry?.stop();
    await token?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const ca = options.tls ? makeCa(dir) : undefined;
    const cert = ca ? makeServerCert(dir, ca, ['localhost', ...(options.dnsNames ?? [])]) : undefined;
    let auth: RegistryAuth = { kind: 'none' };
    if (options.auth === 'htpasswd') auth = { kind: 'htpasswd', ...TEST_USER };
    if (options.auth === 'token') {
      const signer = makeTokenSigner(dir);
      const service = 'registry-test';
      const issuer = 'registry-test-issuer';
      token = await startTokenServer({ signer, service, issuer, users: { [TEST_USER.username]: TEST_USER.password }, identityToken: TEST_IDENTITY_TOKEN, tls: cert });
      auth = { kind: 'token', realm: token.realm, service, issuer, signer };
    }
    registry = await startRegistryProcess(dir, auth, cert);
    const seeded = await seedImages(registry.url, options.auth === 'none' ? undefined : TEST_USER, ca?.certPem);
    return {
      url: registry.url, host: `127.0.0.1:${registry.port}`, seeded, user: TEST_USER, identityToken: TEST_IDENTITY_TOKEN,
      ca: ca?.certPem, token, registry, stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
