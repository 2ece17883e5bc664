/**
 * A small Docker registry token server (distribution "token" auth): RS256 JWTs whose header carries
 * the signing certificate (`x5c`). GET with optional Basic auth, and POST with the OAuth2
 * `password` / `refresh_token` grants. Policy like Docker Hub: anonymous users may pull anything
 * outside `private/`; a known user may pull and push everywhere.
 */
import { X509Certificate, createSign, randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import { close, listen } from './listen';
import type { KeyPair } from './pki';

export interface TokenServerOptions {
  signer: KeyPair;
  service: string;
  issuer: string;
  /** `user` → password. */
  users: Record<string, string>;
  /** Refresh token accepted for the first user. */
  identityToken: string;
  /** Serve HTTPS with this certificate. */
  tls?: KeyPair;
}

export interface TokenServer {
  realm: string;
  /** Every request: method, path and whether it carried credentials. */
  requests: Array<{ method: string; path: string; basicAuth: boolean; grant?: string }>;
  /** Every token handed out, to check none leaks into logs. */
  issued: string[];
  stop(): Promise<void>;
}

const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

function parseScope(scope: string) {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first < 0 || last === first) return undefined;
  return { type: scope.slice(0, first), name: scope.slice(first + 1, last), actions: scope.slice(last + 1).split(',').filter(Boolean) };
}

/** Starts the token server on a free loopback port. */
export async function startTokenServer(options: TokenServerOptions): Promise<TokenServer> {
  const key = readFileSync(options.signer.keyPath, 'utf8');
  const x5c = new X509Certificate(options.signer.certPem).raw.toString('base64');
  const requests: TokenServer['requests'] = [];
  const issued: string[] = [];

  function jwt(claims: object): string {
    const input = `${b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', x5c: [x5c] }))}.${b64url(JSON.stringify(claims))}`;
    return `${input}.${b64url(createSign('RSA-SHA256').update(input).sign(key))}`;
  }

  function issue(res: ServerResponse, user: string | undefined, scopes: string[]) {
    const now = Math.floor(Date.now() / 1000);
    const access = scopes.map(parseScope).filter((s) => s !== undefined).map((s) => {
      let actions: string[] = [];
      if (s.type === 'repository') {
        if (user) actions = s.actions.filter((a) => ['pull', 'push', 'delete', '*'].includes(a));
        else if (!s.name.startsWith('private/')) actions = s.actions.filter((a) => a === 'pull');
      }
      return { type: s.type, name: s.name, actions };
    });
    const token = jwt({ iss: options.issuer, sub: user ?? '', aud: options.service, exp: now + 300, nbf: now - 5, iat: now, jti: randomUUID(), access });
    issued.push(token);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ token, access_token: token, expires_in: 300, issued_at: new Date(now * 1000).toISOString() }));
  }

  function deny(res: ServerResponse, status: number, details: string) {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ details }));
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://token');
    const auth = req.headers.authorization;
    const record = { method: req.method ?? '', path: url.pathname, basicAuth: Boolean(auth?.startsWith('Basic ')) } as TokenServer['requests'][number];
    requests.push(record);
    if (url.pathname !== '/token') return deny(res, 404, 'not found');
    if (req.method === 'GET') {
      if (url.searchParams.get('service') !== options.service) return deny(res, 400, 'unknown service');
      let user: string | undefined;
      if (auth?.startsWith('Basic ')) {
        const decoded = Buffer.from(auth.slice(6), 'base64').toString();
        const name = decoded.slice(0, decoded.indexOf(':'));
        if (options.users[name] === undefined || options.users[name] !== decoded.slice(decoded.indexOf(':') + 1)) return deny(res, 401, 'incorrect username or password');
        user = name;
      }
      return issue(res, user, url.searchParams.getAll('scope'));
    }
    if (req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const form = new URLSearchParams(body);
      record.grant = form.get('grant_type') ?? undefined;
      if (form.get('service') !== options.service) return deny(res, 400, 'unknown service');
      let user: string | undefined;
      if (record.grant === 'password') {
        const name = form.get('username') ?? '';
        if (options.users[name] === undefined || options.users[name] !== form.get('password')) return deny(res, 401, 'incorrect username or password');
        user = name;
      } else if (record.grant === 'refresh_token') {
        if (form.get('refresh_token') !== options.identityToken) return deny(res, 401, 'invalid refresh token');
        user = Object.keys(options.users)[0];
      } else {
        return deny(res, 400, 'unsupported grant_type');
      }
      return issue(res, user, (form.get('scope') ?? '').split(' ').filter(Boolean));
    }
    return deny(res, 405, 'method not allowed');
  }

  const handler = (req: IncomingMessage, res: ServerResponse) => void handle(req, res);
  const server = options.tls
    ? https.createServer({ key: readFileSync(options.tls.keyPath), cert: readFileSync(options.tls.certPath) }, handler)
    : http.createServer(handler);
  const port = await listen(server);
  return {
    realm: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}/token`,
    requests,
    issued,
    stop: () => close(server),
  };
}
