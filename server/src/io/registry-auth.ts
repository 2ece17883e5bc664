/**
 * Answering a registry's `WWW-Authenticate` challenge: Basic with the user's credentials, or a
 * Bearer token from the realm (anonymous, Basic-authenticated GET, or OAuth2 refresh-token POST),
 * cached per registry and scope until it expires.
 */
import type { Credentials, CredentialStore } from './docker-credentials';
import type { HttpClient } from './http';
import { TransportError } from './registry-errors';

export interface Challenge {
  /** Lower case: `bearer`, `basic`. */
  scheme: string;
  params: Record<string, string>;
}

export interface AuthContext {
  /** Registry host as in references (`docker.io`), for credentials. */
  registry: string;
  /** Host the requests go to (`registry-1.docker.io`), for caching. */
  apiHost: string;
  /** `repository:library/node:pull`. */
  scope: string;
  signal?: AbortSignal;
}

export interface Authenticator {
  /** A still-valid `Authorization` value for this host and scope, if one is known. */
  cached(context: AuthContext): string | undefined;
  /** Answers the challenges of a 401 and returns the `Authorization` value to retry with. */
  respond(context: AuthContext, challenges: Challenge[]): Promise<string>;
  /** Whether credentials were found for the registry (for messages). */
  hasCredentials(registry: string): Promise<boolean>;
}

export interface AuthenticatorOptions {
  http: HttpClient;
  credentials: CredentialStore;
  onSecret(secret: string): void;
  log(message: string): void;
  now(): number;
}

const MAX_TOKEN_RESPONSE = 1024 * 1024;
const MIN_TOKEN_TTL_S = 60;
const CLIENT_ID = 'dockerfile-optimizer';

/** Parses `Bearer realm="…",service="…",scope="…"`, also several challenges in one header (`Bearer …, Basic realm=…`). */
export function parseChallenges(header: string | null | undefined): Challenge[] {
  const out: Challenge[] = [];
  const text = header ?? '';
  const re = /\s*,?\s*(?:([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))|([A-Za-z][\w-]*))/y;
  let current: Challenge | undefined;
  let m: RegExpExecArray | null;
  while (re.lastIndex < text.length && (m = re.exec(text)) && m[0] !== '') {
    if (m[4] !== undefined) {
      current = { scheme: m[4].toLowerCase(), params: {} };
      out.push(current);
    } else if (current) {
      current.params[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
    }
  }
  return out;
}

/** How to sign in, for messages: `docker login` or `docker login ghcr.io`. */
export function loginHint(registry: string): string {
  return registry === 'docker.io' ? '`docker login`' : `\`docker login ${registry}\``;
}

function basic(c: { username: string; password: string }): string {
  return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
}

/** Creates an authenticator with its own token cache. */
export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const tokens = new Map<string, { header: string; expires: number }>();
  const key = (c: AuthContext, scheme: string) => (scheme === 'basic' ? `${c.apiHost}|basic` : `${c.apiHost}|${c.scope}`);

  function store(k: string, header: string, ttlMs: number): string {
    if (tokens.size > 200) tokens.delete(tokens.keys().next().value!);
    tokens.set(k, { header, expires: options.now() + ttlMs });
    return header;
  }

  async function bearer(context: AuthContext, challenge: Challenge, creds: Credentials | undefined): Promise<string> {
    const { realm, service } = challenge.params;
    let realmUrl: URL;
    try {
      realmUrl = new URL(realm ?? '');
    } catch {
      throw new TransportError('malformed', 'the registry asked for a token without a valid token service address');
    }
    const scope = challenge.params.scope || context.scope;
    let res;
    if (creds?.kind === 'identity-token') {
      const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: creds.token, service: service ?? '', scope, client_id: CLIENT_ID });
      res = await options.http.send({
        url: realmUrl, method: 'POST', body: form.toString(), maxBytes: MAX_TOKEN_RESPONSE, signal: context.signal,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    } else {
      if (service) realmUrl.searchParams.set('service', service);
      realmUrl.searchParams.append('scope', scope);
      const headers: Record<string, string> = creds ? { authorization: basic(creds) } : {};
      res = await options.http.send({ url: realmUrl, headers, maxBytes: MAX_TOKEN_RESPONSE, signal: context.signal });
    }
    const where = `the token service ${realmUrl.host}`;
    if (res.status === 401 || res.status === 403) {
      throw new TransportError('auth', creds
        ? `${where} rejected the credentials from the Docker config (HTTP ${res.status}); sign in again with ${loginHint(context.registry)}`
        : `${where} refused anonymous access (HTTP ${res.status}); sign in with ${loginHint(context.registry)}`);
    }
    if (res.status === 429) throw new TransportError('rate-limited', `${where} is rate limiting requests (HTTP 429)`);
    if (res.status < 200 || res.status >= 300) throw new TransportError('server', `${where} answered HTTP ${res.status}`);
    let body: { token?: unknown; access_token?: unknown; expires_in?: unknown };
    try {
      body = JSON.parse(res.body.toString('utf8'));
    } catch {
      throw new TransportError('malformed', `${where} answered with something other than JSON`);
    }
    const token = typeof body.token === 'string' && body.token ? body.token : body.access_token;
    if (typeof token !== 'string' || !token) throw new TransportError('malformed', `${where} answered without a token`);
    options.onSecret(token);
    const ttl = Math.max(MIN_TOKEN_TTL_S, typeof body.expires_in === 'number' ? body.expires_in : MIN_TOKEN_TTL_S);
    return store(key(context, 'bearer'), `Bearer ${token}`, (ttl - 10) * 1000);
  }

  return {
    cached(context) {
      for (const scheme of ['bearer', 'basic']) {
        const hit = tokens.get(key(context, scheme));
        if (hit && hit.expires > options.now()) return hit.header;
      }
      return undefined;
    },
    async respond(context, challenges) {
      const creds = await options.credentials.get(context.registry);
      const challenge = challenges.find((c) => c.scheme === 'bearer') ?? challenges.find((c) => c.scheme === 'basic');
      if (!challenge) {
        throw new TransportError('auth', `the registry asked for an unsupported kind of sign-in (${challenges.map((c) => c.scheme).join(', ') || 'none given'})`);
      }
      if (challenge.scheme === 'bearer') return bearer(context, challenge, creds);
      if (creds?.kind !== 'password') {
        throw new TransportError('auth', `the registry requires a sign-in and no credentials were found; sign in with ${loginHint(context.registry)}`);
      }
      options.log(`answering a Basic challenge from ${context.apiHost}`);
      return store(key(context, 'basic'), basic(creds), 60 * 60_000);
    },
    async hasCredentials(registry) {
      return (await options.credentials.get(registry)) !== undefined;
    },
  };
}
