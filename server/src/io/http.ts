/**
 * One HTTP exchange for the registry client, on undici's `fetch`: hard timeout, body size cap,
 * manual redirects that never carry `Authorization` to another origin, HTTP(S)_PROXY / NO_PROXY,
 * and an extra CA.
 */
import { rootCertificates } from 'node:tls';
import { Agent, ProxyAgent, fetch, type Dispatcher, type Response } from 'undici';
import { TransportError, classifyFetchError, formatDuration } from './registry-errors';

export interface HttpRequest {
  url: URL;
  method?: 'GET' | 'HEAD' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Larger bodies fail with `too-large`. */
  maxBytes: number;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: Buffer;
  /** The URL that answered, after redirects. */
  url: URL;
}

export interface HttpClient {
  send(request: HttpRequest): Promise<HttpResponse>;
  close(): Promise<void>;
}

export interface HttpOptions {
  /** Per exchange (connect, headers and body), per redirect hop. */
  timeoutMs: number;
  /** Extra CA certificate (PEM), trusted next to the public roots. */
  ca?: string;
  /** Hosts (`host[:port]`) that may be reached over plain HTTP. */
  allowPlainHttp(host: string): boolean;
  log(message: string): void;
  env?: NodeJS.ProcessEnv;
}

export interface ProxySettings {
  httpProxy?: string;
  httpsProxy?: string;
  noProxy: string;
}

const MAX_REDIRECTS = 5;
const USER_AGENT = 'dockerfile-optimizer';

/** Proxy settings from `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` (either case, lower case first, as curl reads them). */
export function proxySettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ProxySettings {
  return {
    httpProxy: env.http_proxy || env.HTTP_PROXY || undefined,
    httpsProxy: env.https_proxy || env.HTTPS_PROXY || undefined,
    noProxy: env.no_proxy ?? env.NO_PROXY ?? '',
  };
}

function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/**
 * Whether `url` goes direct despite a proxy: loopback hosts always (as Go and Docker do), and hosts
 * matching `NO_PROXY` entries (`*`, `host`, `.domain`, `*.domain`, optionally `:port`).
 */
export function bypassesProxy(url: URL, noProxy: string): boolean {
  if (isLoopback(url.hostname)) return true;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  for (const raw of noProxy.split(/[\s,]+/)) {
    if (!raw) continue;
    if (raw === '*') return true;
    const m = /^(.*?)(?::(\d+))?$/.exec(raw.toLowerCase())!;
    const entry = m[1].replace(/^\*?\./, '').replace(/^\[|\]$/g, '');
    if (m[2] && m[2] !== port) continue;
    if (host === entry || host.endsWith(`.${entry}`)) return true;
  }
  return false;
}

function withoutCredentials(proxy: string): string {
  try {
    const u = new URL(proxy);
    return u.origin;
  } catch {
    return '(unparsable proxy URL)';
  }
}

/** Creates the transport; call `close()` to drop pooled connections. */
export function createHttpClient(options: HttpOptions): HttpClient {
  const ca = options.ca ? [...rootCertificates, options.ca] : undefined;
  const tls = ca ? { ca } : undefined;
  const direct = new Agent({ connect: tls, keepAliveTimeout: 4_000 });
  const proxies = proxySettingsFromEnv(options.env);
  const proxyAgent = (uri: string | undefined) => (uri ? new ProxyAgent({ uri, requestTls: tls }) : undefined);
  const httpProxy = proxyAgent(proxies.httpProxy);
  const httpsProxy = proxyAgent(proxies.httpsProxy);
  for (const [name, uri] of [['HTTPS_PROXY', proxies.httpsProxy], ['HTTP_PROXY', proxies.httpProxy]]) {
    if (uri) options.log(`using ${name} ${withoutCredentials(uri)}`);
  }

  function dispatcherFor(url: URL): Dispatcher {
    const proxy = url.protocol === 'https:' ? httpsProxy ?? httpProxy : httpProxy;
    return proxy && !bypassesProxy(url, proxies.noProxy) ? proxy : direct;
  }

  async function exchange(url: URL, request: HttpRequest, headers: Record<string, string>, method: string, body?: string) {
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && options.allowPlainHttp(url.host))) {
      throw new TransportError('insecure', `a request would go to ${url.origin} over plain HTTP, which is allowed only for registries listed as insecure`);
    }
    const started = Date.now();
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, options.timeoutMs);
    const onAbort = () => controller.abort();
    request.signal?.addEventListener('abort', onAbort, { once: true });
    const where = `${method} ${url.origin}${url.pathname}`;
    try {
      if (request.signal?.aborted) throw new TransportError('cancelled', 'the lookup was cancelled');
      const res = await fetch(url, { method, headers, body, redirect: 'manual', signal: controller.signal, dispatcher: dispatcherFor(url) });
      const data = method === 'HEAD' || (res.status >= 300 && res.status < 400) ? (await res.body?.cancel(), Buffer.alloc(0)) : await readCapped(res, request.maxBytes);
      options.log(`${where} -> ${res.status} (${Date.now() - started} ms)`);
      return { status: res.status, headers: res.headers, body: data, url };
    } catch (error) {
      if (error instanceof TransportError && error.kind === 'too-large') options.log(`${where} -> body over ${request.maxBytes} bytes`);
      if (request.signal?.aborted) throw new TransportError('cancelled', 'the lookup was cancelled');
      if (timedOut) throw new TransportError('timeout', `the request timed out after ${formatDuration(options.timeoutMs)}`);
      if (error instanceof TransportError) throw error;
      const failure = classifyFetchError(error, url);
      if (!failure.plainHttp) options.log(`${where} failed: ${failure.detail}`);
      throw failure;
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
    }
  }

  return {
    async send(request) {
      let url = request.url;
      let method = request.method ?? 'GET';
      let body = request.body;
      const headers: Record<string, string> = { 'user-agent': USER_AGENT, ...request.headers };
      for (let hop = 0; ; hop++) {
        const res = await exchange(url, request, headers, method, body);
        const location = res.headers.get('location');
        if (![301, 302, 303, 307, 308].includes(res.status) || !location) return res;
        if (hop === MAX_REDIRECTS) throw new TransportError('server', `${request.url.host} redirected more than ${MAX_REDIRECTS} times`);
        const next = new URL(location, url);
        // Registries send blob downloads to CDNs: credentials stay with the origin they were meant for.
        if (next.origin !== url.origin) {
          delete headers.authorization;
          options.log(`redirected from ${url.host} to ${next.host}; credentials are not forwarded`);
        }
        if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
        }
        url = next;
      }
    },
    async close() {
      await Promise.all([direct, httpProxy, httpsProxy].map((d) => d?.close()));
    },
  };
}

async function readCapped(res: Response, maxBytes: number): Promise<Buffer> {
  const tooLarge = () => new TransportError('too-large', `the response is larger than ${formatBytes(maxBytes)}`);
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await res.body?.cancel();
    throw tooLarge();
  }
  if (!res.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/** `4194304` → `4 MiB`. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / 1024 / 1024).toFixed(1)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

/** `Retry-After` in milliseconds (seconds or an HTTP date), or undefined. */
export function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  if (/^\s*\d+\s*$/.test(header)) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** Waits `ms`; rejects with `cancelled` when the signal aborts first. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new TransportError('cancelled', 'the lookup was cancelled'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}
