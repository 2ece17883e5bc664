/**
 * Registry credentials the way the docker CLI finds them in `config.json`: `credHelpers[host]`,
 * then `credsStore`, then `auths[host]`. Helpers (`docker-credential-<name> get`) run without a
 * shell and under a hard timeout.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export type Credentials =
  | { kind: 'password'; username: string; password: string }
  /** An OAuth2 refresh token (`identitytoken`, or a helper's `<token>` user). */
  | { kind: 'identity-token'; token: string };

export interface CredentialStore {
  /** Credentials for a registry host as written in image references (`docker.io` for Docker Hub). */
  get(host: string): Promise<Credentials | undefined>;
}

export interface CredentialStoreOptions {
  configPath?: string;
  /** Run `docker-credential-*` programs (false in untrusted workspaces). */
  allowHelpers: boolean;
  log(message: string): void;
  /** Called with every secret found, so that logs and errors can redact it. */
  onSecret(secret: string): void;
  now(): number;
  env?: NodeJS.ProcessEnv;
}

export const HELPER_TIMEOUT_MS = 5_000;
const CACHE_MS = 5 * 60_000;
const MAX_CONFIG_BYTES = 1024 * 1024;
const MAX_HELPER_OUTPUT = 64 * 1024;
const DOCKER_HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);
const DOCKER_HUB_SERVER_URL = 'https://index.docker.io/v1/';

interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

/** `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. */
export function defaultDockerConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.DOCKER_CONFIG || join(homedir(), '.docker'), 'config.json');
}

/** `https://index.docker.io/v1/` → `index.docker.io`; `http://host:5000/x` → `host:5000` (docker's ConvertToHostname). */
function keyHost(key: string): string {
  return key.replace(/^https?:\/\//i, '').split('/')[0].toLowerCase();
}

function sameRegistry(key: string, host: string): boolean {
  const k = keyHost(key);
  const h = host.toLowerCase();
  return k === h || (DOCKER_HUB_HOSTS.has(k) && DOCKER_HUB_HOSTS.has(h));
}

function lookup<T>(map: Record<string, T> | undefined, host: string): T | undefined {
  if (!map || typeof map !== 'object') return undefined;
  const key = Object.keys(map).find((k) => sameRegistry(k, host));
  return key === undefined ? undefined : map[key];
}

/** Creates a store that reads the Docker config lazily and remembers answers for a few minutes. */
export function createCredentialStore(options: CredentialStoreOptions): CredentialStore {
  const configPath = options.configPath ?? defaultDockerConfigPath(options.env);
  const cache = new Map<string, { at: number; value: Promise<Credentials | undefined> }>();

  function remember(c: Credentials | undefined): Credentials | undefined {
    if (c?.kind === 'password') {
      options.onSecret(c.password);
      options.onSecret(Buffer.from(`${c.username}:${c.password}`).toString('base64'));
    } else if (c) options.onSecret(c.token);
    return c;
  }

  async function readConfig(): Promise<DockerConfig | undefined> {
    try {
      const text = await readFile(configPath, 'utf8');
      if (text.length > MAX_CONFIG_BYTES) return undefined;
      const parsed: unknown = JSON.parse(text);
      return typeof parsed === 'object' && parsed !== null ? (parsed as DockerConfig) : undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') options.log(`ignoring the Docker config ${configPath}: it could not be read or parsed`);
      return undefined;
    }
  }

  async function fromHelper(helper: string, host: string, origin: string): Promise<Credentials | undefined> {
    if (!options.allowHelpers) {
      options.log(`not running docker-credential-${helper} (${origin}) for ${host}: credential helpers are disabled`);
      return undefined;
    }
    const serverUrl = DOCKER_HUB_HOSTS.has(host) ? DOCKER_HUB_SERVER_URL : host;
    try {
      const c = remember(await runCredentialHelper(helper, serverUrl, { env: options.env }));
      options.log(c ? `using credentials for ${host} from docker-credential-${helper}` : `docker-credential-${helper} has no credentials for ${host}`);
      return c;
    } catch (error) {
      options.log(`docker-credential-${helper} failed for ${host}: ${(error as Error).message}; continuing without its credentials`);
      return undefined;
    }
  }

  async function resolve(host: string): Promise<Credentials | undefined> {
    const config = await readConfig();
    if (!config) return undefined;
    const helper = lookup(config.credHelpers, host);
    if (typeof helper === 'string' && helper) return fromHelper(helper, host, 'credHelpers');
    if (typeof config.credsStore === 'string' && config.credsStore) {
      const c = await fromHelper(config.credsStore, host, 'credsStore');
      if (c) return c;
    }
    const entry = lookup(config.auths, host);
    if (!entry || typeof entry !== 'object') return undefined;
    if (typeof entry.identitytoken === 'string' && entry.identitytoken) {
      options.log(`using the identity token for ${host} from ${configPath}`);
      return remember({ kind: 'identity-token', token: entry.identitytoken });
    }
    let username = entry.username;
    let password = entry.password;
    if (typeof entry.auth === 'string' && entry.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) [username, password] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
      options.onSecret(entry.auth);
    }
    if (typeof username !== 'string' || typeof password !== 'string' || !password) return undefined;
    options.log(`using credentials for ${host} from ${configPath}`);
    return remember({ kind: 'password', username, password });
  }

  return {
    get(host) {
      const hit = cache.get(host);
      if (hit && options.now() - hit.at < CACHE_MS) return hit.value;
      const value = resolve(host);
      cache.set(host, { at: options.now(), value });
      return value;
    },
  };
}

/**
 * Runs `docker-credential-<helper> get` with `serverUrl` on stdin, without a shell. Resolves
 * undefined when the helper has no credentials; rejects (with a message that holds no output of
 * the helper) when it fails or takes longer than `timeoutMs`.
 */
export function runCredentialHelper(
  helper: string,
  serverUrl: string,
  { timeoutMs = HELPER_TIMEOUT_MS, env = process.env }: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<Credentials | undefined> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(helper)) return Promise.reject(new Error('the helper name is not valid'));
  return new Promise((resolvePromise, reject) => {
    const group = process.platform !== 'win32';
    const child = spawn(`docker-credential-${helper}`, ['get'], { env, detached: group, windowsHide: true, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.stdout.destroy();
      child.stderr.destroy();
      fn();
    };
    const kill = () => {
      try {
        if (group && child.pid) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        /* already gone */
      }
    };
    const timer = setTimeout(() => {
      kill();
      finish(() => reject(new Error(`it did not answer within ${timeoutMs / 1000} s`)));
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
      if (stdout.length > MAX_HELPER_OUTPUT) {
        kill();
        finish(() => reject(new Error('its output was too large')));
      }
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString('utf8')).slice(-4096);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      finish(() => reject(new Error(error.code === 'ENOENT' ? 'the program was not found on PATH' : `it could not be started (${error.code ?? 'error'})`)));
    });
    child.on('close', (code) => {
      finish(() => {
        if (code !== 0) {
          if (/credentials not found/i.test(stdout + stderr)) resolvePromise(undefined);
          else reject(new Error(`it exited with code ${code}`));
          return;
        }
        try {
          const { Username, Secret } = JSON.parse(stdout) as { Username?: unknown; Secret?: unknown };
          if (typeof Secret !== 'string' || !Secret) return resolvePromise(undefined);
          if (Username === '<token>') return resolvePromise({ kind: 'identity-token', token: Secret });
          resolvePromise({ kind: 'password', username: typeof Username === 'string' ? Username : '', password: Secret });
        } catch {
          reject(new Error('its output was not valid JSON'));
        }
      });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(serverUrl);
  });
}
