/**
 * Debian's `docker-registry` (distribution 2.8) on 127.0.0.1 with a temporary config: no auth,
 * htpasswd (Basic) or token auth, optionally TLS. Never the packaged config (it listens on every
 * interface and its htpasswd path is a directory).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './listen';
import type { KeyPair } from './pki';

export type RegistryAuth =
  | { kind: 'none' }
  | { kind: 'htpasswd'; username: string; password: string }
  | { kind: 'token'; realm: string; service: string; issuer: string; signer: KeyPair };

export interface RegistryProcess {
  port: number;
  url: string;
  /** Output of the registry so far (access log included), for failing tests. */
  output(): string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function authYaml(dir: string, auth: RegistryAuth): string {
  if (auth.kind === 'htpasswd') {
    // distribution accepts only bcrypt entries (-B)
    const line = spawnSync('htpasswd', ['-Bbn', auth.username, auth.password], { encoding: 'utf8' }).stdout.trim();
    writeFileSync(join(dir, 'htpasswd'), `${line}\n`);
    return `auth:\n  htpasswd:\n    realm: registry-test\n    path: ${join(dir, 'htpasswd')}\n`;
  }
  if (auth.kind === 'token') {
    return `auth:\n  token:\n    realm: ${auth.realm}\n    service: ${auth.service}\n    issuer: ${auth.issuer}\n    rootcertbundle: ${auth.signer.certPath}\n`;
  }
  return '';
}

function start(dir: string, port: number, auth: RegistryAuth, tls?: KeyPair): Promise<RegistryProcess> {
  const config = join(dir, `config-${port}.yml`);
  writeFileSync(config, [
    'version: 0.1',
    'log:\n  level: info\n  accesslog:\n    disabled: false',
    `storage:\n  filesystem:\n    rootdirectory: ${join(dir, 'data')}\n  delete:\n    enabled: true\n  cache:\n    blobdescriptor: inmemory`,
    `http:\n  addr: 127.0.0.1:${port}\n  secret: registry-test-not-a-secret`,
    tls ? `  tls:\n    certificate: ${tls.certPath}\n    key: ${tls.keyPath}` : '',
    authYaml(dir, auth),
  ].join('\n'));
  // distribution reads REGISTRY_<SECTION>_<KEY> variables as overrides: REGISTRY_AUTH=none would silently disable auth.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('REGISTRY_')));
  const child = spawn('docker-registry', ['serve', config], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => {
    running.delete(child);
    resolve();
  }));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
  };
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (/listening on 127\.0\.0\.1:\d+/.test(output)) {
        resolve({ port, url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`, output: () => output, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    void exited.then(() => reject(new Error(`docker-registry exited before listening:\n${output.slice(-2000)}`)));
  });
}

/** Starts a registry in `dir` on a free port (retrying when another process takes the port first). */
export async function startRegistryProcess(dir: string, auth: RegistryAuth, tls?: KeyPair): Promise<RegistryProcess> {
  mkdirSync(join(dir, 'data'), { recursive: true });
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await start(dir, await freePort(), auth, tls);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}
