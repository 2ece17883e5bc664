/**
 * Registry client (Docker Registry HTTP API v2 / OCI distribution) for digest pinning and image facts.
 * HEAD for tag digests (Docker Hub does not count HEAD as a pull), GET + sha256 when the registry
 * leaves out `Docker-Content-Digest`, everything fetched by digest cached for good.
 */
import { createHash } from 'node:crypto';
import type { ImageRef } from '../core/image-ref';
import type { ImageFacts, PlatformFacts, RegistryClient } from '../core/registry-types';
import { createCredentialStore } from './docker-credentials';
import { createHttpClient, delay, formatBytes, retryAfterMs, type HttpResponse } from './http';
import { createAuthenticator, loginHint, parseChallenges, type AuthContext } from './registry-auth';
import { TransportError, formatDuration, redact, toLookupError } from './registry-errors';

export interface RegistryClientOptions {
  /** Hard timeout per HTTP request, default 10 s. */
  timeoutMs?: number;
  /** Hosts (`host` or `host:port`) allowed over plain HTTP; default loopback only: `localhost`, `127.0.0.1`, `[::1]`, any port. */
  insecureRegistries?: string[];
  /** Default `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. */
  dockerConfigPath?: string;
  /** Extra CA certificate (PEM) trusted next to the public roots. */
  ca?: string;
  /** Run `docker-credential-*` helpers named in the Docker config; default true, false in untrusted workspaces. */
  allowCredentialHelpers?: boolean;
  /** Receives one line per request and decision; never credentials. */
  log?: (message: string) => void;
  /** Clock for the caches, default `Date.now`. */
  now?: () => number;
}

/** A {@link RegistryClient} that holds pooled connections; `close()` releases them. */
export interface NodeRegistryClient extends RegistryClient {
  close(): Promise<void>;
}

/** The manifest media types of the OCI image spec and Docker's image manifest v2. */
export const MEDIA_TYPES = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
} as const;
/** All four, always: distribution answers 404 for an OCI index and a different digest for a list when a type is missing. */
const ACCEPT = Object.values(MEDIA_TYPES).join(', ');
const INDEX_TYPES = new Set<string>([MEDIA_TYPES.ociIndex, MEDIA_TYPES.dockerList]);
const MANIFEST_TYPES = new Set<string>([MEDIA_TYPES.ociManifest, MEDIA_TYPES.dockerManifest]);
const DIGEST = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
const MAX_CONFIG_BYTES = 4 * 1024 * 1024;
const TAG_TTL_MS = 60_000;
const MAX_RETRY_AFTER_MS = 5_000;
const DEFAULT_BACKOFF_MS = 1_000;
const DEFAULT_INSECURE = ['localhost', '127.0.0.1', '[::1]'];

interface Descriptor { mediaType?: string; digest: string; size: number; platform?: { os?: string; architecture?: string; variant?: string }; annotations?: Record<string, string> }
interface Manifest { digest: string; mediaType: string; size: number; manifests?: Descriptor[]; config?: Descriptor; layers?: Descriptor[] }
interface ConfigFacts { os?: string; architecture?: string; variant?: string; created?: string }
interface Target { image: string; registry: string; apiHost: string; repository: string; auth: AuthContext }

/** The host that serves a registry's API: `docker.io` → `registry-1.docker.io`. */
export function registryApiHost(registry: string): string {
  const host = registry.toLowerCase();
  return host === 'docker.io' || host === 'index.docker.io' ? 'registry-1.docker.io' : host;
}

/** Whether `host` (`name[:port]`) matches an insecure-registry entry (`name` matches any port). */
export function isInsecureRegistry(host: string, entries: readonly string[] = DEFAULT_INSECURE): boolean {
  const h = host.toLowerCase();
  const name = h.replace(/:\d+$/, '');
  return entries.some((e) => {
    const entry = e.toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '');
    return entry === h || entry === name;
  });
}

function sha(algorithm: string, body: Buffer): string {
  return `${algorithm}:${createHash(algorithm).update(body).digest('hex')}`;
}

function parseJson(body: Buffer, what: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    /* reported below */
  }
  throw new TransportError('malformed', `the registry sent ${what} that is not valid JSON`);
}

function validDescriptor(d: unknown): d is Descriptor {
  const v = d as Descriptor;
  return typeof v === 'object' && v !== null && typeof v.digest === 'string' && DIGEST.test(v.digest) && Number.isSafeInteger(v.size) && v.size >= 0;
}

function isAttestationOrUnknown(d: Descriptor): boolean {
  const p = d.platform;
  return !p || !p.os || !p.architecture || p.os === 'unknown' || p.architecture === 'unknown'
    || d.annotations?.['vnd.docker.reference.type'] !== undefined || (d.mediaType !== undefined && !MANIFEST_TYPES.has(d.mediaType));
}

function platformName(p: { os?: string; architecture?: string; variant?: string }): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}

// Maps, not objects: a platform such as `linux/constructor` must not find `Object.prototype`'s members.
const ARCH_ALIASES = new Map([['x86_64', 'amd64'], ['x86-64', 'amd64'], ['aarch64', 'arm64'], ['armhf', 'arm']]);
const DEFAULT_VARIANT = new Map([['arm64', 'v8'], ['arm', 'v7']]);

/** Picks the best entry for `os/arch[/variant]` the way container runtimes do (arm64 ≡ arm64/v8). */
function pickPlatform<T extends { os?: string; architecture?: string; variant?: string }>(wanted: string, candidates: T[]): T | undefined {
  const [os, rawArch, variant] = wanted.toLowerCase().split('/');
  const arch = ARCH_ALIASES.get(rawArch) ?? rawArch;
  const same = candidates.filter((c) => c.os === os && c.architecture === arch);
  const norm = (v: string | undefined) => v ?? DEFAULT_VARIANT.get(arch);
  return same.find((c) => norm(c.variant) === (variant ?? DEFAULT_VARIANT.get(arch))) ?? (variant ? undefined : same[0]);
}

function boundedCache<V>(maxWeight: number, weigh: (value: V) => number = () => 1) {
  const map = new Map<string, V>();
  let total = 0;
  return {
    get(key: string): V | undefined {
      const value = map.get(key);
      if (value !== undefined) {
        map.delete(key);
        map.set(key, value);
      }
      return value;
    },
    set(key: string, value: V): void {
      const old = map.get(key);
      if (old !== undefined) total -= weigh(old);
      map.delete(key);
      map.set(key, value);
      total += weigh(value);
      for (const [k, v] of map) {
        if (total <= maxWeight || map.size === 1) break;
        map.delete(k);
        total -= weigh(v);
      }
    },
  };
}

/** Creates a registry client. Credentials come from the Docker config; they never appear in logs or errors. */
export function createRegistryClient(options: RegistryClientOptions = {}): NodeRegistryClient {
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const insecure = options.insecureRegistries ?? DEFAULT_INSECURE;
  const secrets = new Set<string>();
  const onSecret = (s: string) => void secrets.add(s);
  const log = (m: string) => options.log?.(redact(m, secrets));
  const http = createHttpClient({ timeoutMs, ca: options.ca, allowPlainHttp: (h) => isInsecureRegistry(h, insecure), log });
  const credentials = createCredentialStore({
    configPath: options.dockerConfigPath, allowHelpers: options.allowCredentialHelpers ?? true, log, onSecret, now,
  });
  const auth = createAuthenticator({ http, credentials, onSecret, log, now });
  const schemes = new Map<string, 'https' | 'http'>();
  const tagDigests = boundedCache<{ digest: string; expires: number }>(2000);
  const manifests = boundedCache<Manifest>(32 * 1024 * 1024, (m) => m.size + 256);
  const configs = boundedCache<ConfigFacts>(4000);

  function target(ref: ImageRef): Target {
    const apiHost = registryApiHost(ref.registry);
    const scope = `repository:${ref.repository}:pull`;
    return { image: ref.text, registry: ref.registry, apiHost, repository: ref.repository, auth: { registry: ref.registry, apiHost, scope } };
  }

  /** One exchange, trying HTTPS first and plain HTTP only for insecure registries that speak nothing else. */
  async function sendTo(t: Target, path: string, headers: Record<string, string>, method: 'GET' | 'HEAD', maxBytes: number, signal?: AbortSignal) {
    const scheme = schemes.get(t.apiHost) ?? 'https';
    try {
      return await http.send({ url: new URL(path, `${scheme}://${t.apiHost}`), method, headers, maxBytes, signal });
    } catch (error) {
      if (!(error instanceof TransportError && error.plainHttp && scheme === 'https' && isInsecureRegistry(t.apiHost, insecure))) throw error;
      log(`${t.apiHost} speaks plain HTTP; it is an insecure registry, so using http://`);
      schemes.set(t.apiHost, 'http');
      return http.send({ url: new URL(path, `http://${t.apiHost}`), method, headers, maxBytes, signal });
    }
  }

  /** Sends with the cached credentials, answers a 401 challenge once, backs off once on 429. */
  async function call(t: Target, path: string, init: { method: 'GET' | 'HEAD'; accept?: string; maxBytes: number; signal?: AbortSignal }): Promise<HttpResponse> {
    const context = { ...t.auth, signal: init.signal };
    const send = async (authorization?: string) => {
      const headers: Record<string, string> = {};
      if (init.accept) headers.accept = init.accept;
      if (authorization) headers.authorization = authorization;
      let res = await sendTo(t, path, headers, init.method, init.maxBytes, init.signal);
      const remaining = res.headers.get('ratelimit-remaining');
      if (remaining) log(`${t.apiHost}: ratelimit-remaining ${remaining}`);
      if (res.status === 429) {
        const wait = retryAfterMs(res.headers.get('retry-after')) ?? DEFAULT_BACKOFF_MS;
        if (wait > MAX_RETRY_AFTER_MS) throw await rateLimited(t, res, wait);
        log(`${t.apiHost} answered 429; retrying once in ${formatDuration(wait)}`);
        await delay(wait, init.signal);
        res = await sendTo(t, path, headers, init.method, init.maxBytes, init.signal);
        if (res.status === 429) throw await rateLimited(t, res, retryAfterMs(res.headers.get('retry-after')));
      }
      return res;
    };
    const cached = auth.cached(context);
    let res = await send(cached);
    if (res.status === 401) {
      const challenges = parseChallenges(res.headers.get('www-authenticate'));
      res = await send(await auth.respond(context, challenges));
    }
    return res;
  }

  async function rateLimited(t: Target, res: HttpResponse, waitMs?: number): Promise<TransportError> {
    const remaining = res.headers.get('ratelimit-remaining');
    const left = remaining ? `, ${parseInt(remaining, 10)} requests left in this window` : '';
    const retry = waitMs !== undefined ? `; try again in ${formatDuration(waitMs)}` : '; try again later';
    const hint = (await auth.hasCredentials(t.registry)) ? '' : ` or sign in with ${loginHint(t.registry)} for a higher limit`;
    return new TransportError('rate-limited', `the registry is rate limiting requests (HTTP 429${left})${retry}${hint}`);
  }

  /** Turns a non-success answer into a readable cause. */
  async function failure(t: Target, res: HttpResponse, what: string): Promise<TransportError> {
    let code = '';
    try {
      const errors = (JSON.parse(res.body.toString('utf8')) as { errors?: Array<{ code?: string }> }).errors;
      code = String(errors?.[0]?.code ?? '');
    } catch {
      /* HEAD and non-JSON bodies carry no code */
    }
    if (res.status === 404 || /^(MANIFEST_UNKNOWN|NAME_UNKNOWN|BLOB_UNKNOWN)$/.test(code)) {
      if (code === 'NAME_UNKNOWN') return new TransportError('not-found', `the repository ${t.repository} does not exist`);
      return new TransportError('not-found', `${what} was not found in ${t.repository}`);
    }
    if (res.status === 401 || res.status === 403) {
      const challenge = parseChallenges(res.headers.get('www-authenticate'))[0];
      const reason = challenge?.params.error ? ` (${challenge.params.error})` : ` (HTTP ${res.status})`;
      return new TransportError('auth', (await auth.hasCredentials(t.registry))
        ? `the registry refused access to ${t.repository} with the credentials from the Docker config${reason}`
        : `the registry refused anonymous access to ${t.repository}${reason}: it is private or does not exist; sign in with ${loginHint(t.registry)} if it is private`);
    }
    return new TransportError('server', `the registry answered HTTP ${res.status}${code ? ` (${code})` : ''} for ${what}`);
  }

  async function getManifest(t: Target, reference: string, signal?: AbortSignal): Promise<Manifest> {
    const byDigest = DIGEST.test(reference);
    const key = `${t.apiHost}/${t.repository}@${reference}`;
    const hit = byDigest ? manifests.get(key) : undefined;
    if (hit) return hit;
    const what = byDigest ? `the manifest ${reference}` : `the tag \`${reference}\``;
    const res = await call(t, `/v2/${t.repository}/manifests/${reference}`, { method: 'GET', accept: ACCEPT, maxBytes: MAX_MANIFEST_BYTES, signal });
    if (res.status !== 200) throw await failure(t, res, what);
    const header = res.headers.get('docker-content-digest');
    const algorithm = (byDigest ? reference : header && DIGEST.test(header) ? header : 'sha256').split(':')[0];
    const digest = sha(algorithm, res.body);
    if ((byDigest && digest !== reference) || (header && DIGEST.test(header) && header !== digest)) {
      throw new TransportError('malformed', `the registry sent a manifest that does not match its digest ${byDigest ? reference : header}`);
    }
    const json = parseJson(res.body, 'a manifest');
    const mediaType = typeof json.mediaType === 'string' ? json.mediaType : (res.headers.get('content-type') ?? '').split(';')[0].trim();
    const manifest: Manifest = { digest, mediaType, size: res.body.length };
    if (INDEX_TYPES.has(mediaType)) {
      if (!Array.isArray(json.manifests) || !json.manifests.every(validDescriptor)) throw new TransportError('malformed', `the registry sent an image index without a valid list of manifests`);
      manifest.manifests = json.manifests;
    } else if (MANIFEST_TYPES.has(mediaType)) {
      if (!validDescriptor(json.config) || !Array.isArray(json.layers) || !json.layers.every(validDescriptor)) {
        throw new TransportError('malformed', `the registry sent an image manifest without a valid config and layers`);
      }
      Object.assign(manifest, { config: json.config, layers: json.layers });
    } else {
      throw new TransportError('malformed', `the registry sent a manifest of an unsupported type (${mediaType || 'none given'})`);
    }
    manifests.set(`${t.apiHost}/${t.repository}@${digest}`, manifest);
    return manifest;
  }

  async function getConfig(t: Target, config: Descriptor, signal?: AbortSignal): Promise<ConfigFacts> {
    const key = `${t.apiHost}/${t.repository}@${config.digest}`;
    const hit = configs.get(key);
    if (hit) return hit;
    if (config.size > MAX_CONFIG_BYTES) throw new TransportError('too-large', `the image config ${config.digest} is larger than ${formatBytes(MAX_CONFIG_BYTES)}`);
    const res = await call(t, `/v2/${t.repository}/blobs/${config.digest}`, { method: 'GET', maxBytes: MAX_CONFIG_BYTES, signal });
    if (res.status !== 200) throw await failure(t, res, `the image config ${config.digest}`);
    if (sha(config.digest.split(':')[0], res.body) !== config.digest) {
      throw new TransportError('malformed', `the registry sent an image config that does not match its digest ${config.digest}`);
    }
    const json = parseJson(res.body, 'an image config');
    const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
    const facts: ConfigFacts = { os: str(json.os), architecture: str(json.architecture), variant: str(json.variant), created: str(json.created) };
    configs.set(key, facts);
    return facts;
  }

  /** Tag → digest: HEAD and `Docker-Content-Digest`, else GET and hash; cached for a minute. Digest references are checked once. */
  async function topDigest(t: Target, ref: ImageRef, signal?: AbortSignal): Promise<string> {
    const reference = ref.digest ?? ref.tag ?? 'latest';
    const key = `${t.apiHost}/${t.repository}:${reference}`;
    const hit = tagDigests.get(key);
    if (hit && hit.expires > now()) return hit.digest;
    const what = ref.digest ? `the digest ${ref.digest}` : `the tag \`${reference}\``;
    const head = await call(t, `/v2/${t.repository}/manifests/${reference}`, { method: 'HEAD', accept: ACCEPT, maxBytes: 0, signal });
    let digest = head.headers.get('docker-content-digest') ?? '';
    if (head.status !== 200 && head.status !== 405) throw await failure(t, head, what);
    if (head.status !== 200 || !DIGEST.test(digest) || (ref.digest && digest !== ref.digest)) {
      log(`${t.apiHost} gave no usable Docker-Content-Digest for ${t.repository}:${reference}; computing it from the manifest`);
      digest = (await getManifest(t, reference, signal)).digest;
    }
    tagDigests.set(key, { digest, expires: ref.digest ? Infinity : now() + TAG_TTL_MS });
    return digest;
  }

  function runnable(index: Manifest): Descriptor[] {
    return (index.manifests ?? []).filter((d) => !isAttestationOrUnknown(d));
  }

  async function platformFacts(t: Target, m: Manifest, signal?: AbortSignal): Promise<Omit<PlatformFacts, 'os' | 'architecture'> & ConfigFacts> {
    const config = await getConfig(t, m.config!, signal);
    const compressedSize = (m.layers ?? []).reduce((sum, l) => sum + l.size, 0);
    return { ...config, digest: m.digest, compressedSize };
  }

  async function guarded<T>(ref: ImageRef, work: (t: Target) => Promise<T>): Promise<T> {
    const t = target(ref);
    try {
      return await work(t);
    } catch (error) {
      const e = toLookupError(error, ref.text, t.apiHost, secrets);
      log(e.message);
      throw e;
    }
  }

  return {
    resolveDigest(ref, opts = {}) {
      return guarded(ref, async (t) => {
        const digest = await topDigest(t, ref, opts.signal);
        if (!opts.platform) return digest;
        if (!/^[a-z0-9_-]+\/[a-z0-9_-]+(\/[a-z0-9_-]+)?$/i.test(opts.platform)) {
          throw new TransportError('malformed', `\`${opts.platform}\` is not a platform (expected os/architecture[/variant])`);
        }
        const top = await getManifest(t, digest, opts.signal);
        if (top.manifests) {
          const entries = runnable(top);
          const pick = pickPlatform(opts.platform, entries.map((d) => ({ ...d.platform, digest: d.digest })));
          if (pick) return pick.digest;
          throw new TransportError('not-found', `there is no ${opts.platform} image (it has ${entries.map((d) => platformName(d.platform!)).join(', ') || 'no runnable images'})`);
        }
        const config = await getConfig(t, top.config!, opts.signal);
        if (pickPlatform(opts.platform, [config])) return top.digest;
        throw new TransportError('not-found', `there is no ${opts.platform} image (it is a single-platform image for ${platformName(config) || 'an unknown platform'})`);
      });
    },
    imageFacts(ref, opts = {}) {
      return guarded(ref, async (t): Promise<ImageFacts> => {
        const digest = await topDigest(t, ref, opts.signal);
        const top = await getManifest(t, digest, opts.signal);
        const reference = `${ref.registry}/${ref.repository}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
        if (!top.manifests) {
          const f = await platformFacts(t, top, opts.signal);
          return { reference, digest, mediaType: top.mediaType, platforms: [facts(f, f)] };
        }
        const platforms: PlatformFacts[] = [];
        const entries = runnable(top);
        for (let i = 0; i < entries.length; i += 4) {
          const batch = entries.slice(i, i + 4).map(async (d) => {
            const m = await getManifest(t, d.digest, opts.signal);
            if (!m.layers) throw new TransportError('malformed', `the index entry ${d.digest} is not an image manifest`);
            return facts(d.platform!, await platformFacts(t, m, opts.signal));
          });
          platforms.push(...(await Promise.all(batch)));
        }
        return { reference, digest, mediaType: top.mediaType, platforms };
      });
    },
    close: () => http.close(),
  };
}

function facts(platform: { os?: string; architecture?: string; variant?: string }, f: ConfigFacts & { digest: string; compressedSize: number }): PlatformFacts {
  const out: PlatformFacts = { os: platform.os ?? 'unknown', architecture: platform.architecture ?? 'unknown', digest: f.digest, compressedSize: f.compressedSize };
  if (platform.variant) out.variant = platform.variant;
  if (f.created) out.created = f.created;
  return out;
}
