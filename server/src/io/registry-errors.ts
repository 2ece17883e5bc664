/** Registry failures: the error thrown to callers, and turning low-level fetch errors into readable causes. */
import type { RegistryError, RegistryErrorKind } from '../core/registry-types';

/** Thrown by the registry client; `message` is "Could not look up `<image>` on <host>: <cause>". */
export class RegistryLookupError extends Error implements RegistryError {
  override name = 'RegistryError';
  constructor(
    readonly kind: RegistryErrorKind,
    readonly image: string,
    message: string,
  ) {
    super(message);
  }
}

/** A failure below the image level (one HTTP exchange, a token, a credential helper); `detail` is the cause in words. */
export class TransportError extends Error {
  constructor(
    readonly kind: RegistryErrorKind,
    readonly detail: string,
    /** The server speaks plain HTTP where TLS was tried. */
    readonly plainHttp = false,
  ) {
    super(detail);
  }
}

/** Builds the error callers see, with every known secret removed from the message. */
export function lookupError(image: string, host: string, kind: RegistryErrorKind, detail: string, secrets: Iterable<string> = []): RegistryLookupError {
  return new RegistryLookupError(kind, image, redact(`Could not look up \`${image}\` on ${host}: ${detail}`, secrets));
}

/** Wraps any failure as a {@link RegistryLookupError} for `image`. */
export function toLookupError(error: unknown, image: string, host: string, secrets: Iterable<string> = []): RegistryLookupError {
  if (error instanceof RegistryLookupError) return error;
  if (error instanceof TransportError) return lookupError(image, host, error.kind, error.detail, secrets);
  const text = error instanceof Error ? error.message : String(error);
  return lookupError(image, host, 'network', `unexpected failure (${text})`, secrets);
}

/** Replaces every occurrence of a secret (four characters or longer) with `***`. */
export function redact(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('***');
  }
  return out;
}

/** `10000` → `10 s`, `500` → `0.5 s`, `90000` → `1.5 min`. */
export function formatDuration(ms: number): string {
  if (ms >= 120_000) return `${Math.round(ms / 60_000)} min`;
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

const CERT_CODES = /^(?:CERT_|UNABLE_TO_|SELF_SIGNED_|DEPTH_ZERO_|ERR_TLS_CERT|HOSTNAME_MISMATCH|INVALID_CA|PATH_LENGTH_EXCEEDED)/;
const PLAIN_HTTP = /WRONG_VERSION_NUMBER|PACKET_LENGTH_TOO_LONG|HTTP_REQUEST|UNKNOWN_PROTOCOL/i;

function causeChain(error: unknown): Array<{ code?: string; message: string }> {
  const chain: Array<{ code?: string; message: string }> = [];
  let e: unknown = error;
  for (let i = 0; i < 5 && e instanceof Error; i++) {
    chain.push({ code: (e as NodeJS.ErrnoException).code, message: e.message });
    e = (e as { cause?: unknown }).cause;
  }
  return chain;
}

/**
 * Classifies an error thrown by `fetch` (Node hides the reason in `cause`): DNS, TLS, refused or
 * dropped connections, proxies. Timeouts and cancellation are decided by the caller, which knows
 * which signal fired.
 */
export function classifyFetchError(error: unknown, url: URL): TransportError {
  const chain = causeChain(error);
  const codes = chain.map((c) => c.code ?? '').filter(Boolean);
  const text = chain.map((c) => c.message).join(' ');
  const has = (re: RegExp) => codes.some((c) => re.test(c)) || re.test(text);
  if (has(/^ENOTFOUND$|^EAI_AGAIN$|^EAI_NONAME$|getaddrinfo/)) {
    return new TransportError('dns', `the host name ${url.hostname} could not be resolved`);
  }
  if (codes.some((c) => PLAIN_HTTP.test(c)) || PLAIN_HTTP.test(text)) {
    return new TransportError('insecure', `${url.host} answers over plain HTTP, which is allowed only for registries listed as insecure`, true);
  }
  const cert = codes.find((c) => CERT_CODES.test(c));
  if (cert === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return new TransportError('tls', `the TLS certificate of ${url.host} is not valid for that name`);
  }
  if (cert) return new TransportError('tls', `the TLS certificate of ${url.host} could not be verified (${cert})`);
  const ssl = codes.find((c) => c.startsWith('ERR_SSL') || c.startsWith('ERR_TLS'));
  if (ssl) return new TransportError('tls', `the TLS handshake with ${url.host} failed (${ssl})`);
  const proxy = /Proxy response \((\d+)\)/.exec(text);
  if (proxy) return new TransportError('network', `the proxy refused to connect to ${url.host} (HTTP ${proxy[1]})`);
  if (/bad port/.test(text)) return new TransportError('network', `port ${url.port} is one that fetch refuses to connect to`);
  if (has(/^ECONNREFUSED$/)) return new TransportError('network', `the connection to ${url.host} was refused`);
  if (has(/^EHOSTUNREACH$|^ENETUNREACH$|^EADDRNOTAVAIL$/)) return new TransportError('network', `${url.host} is unreachable`);
  if (has(/^ECONNRESET$|^EPIPE$|^UND_ERR_SOCKET$|other side closed|terminated/)) {
    return new TransportError('network', `the connection to ${url.host} closed before the response was complete`);
  }
  const code = codes[codes.length - 1];
  return new TransportError('network', `the request to ${url.host} failed${code ? ` (${code})` : ''}`);
}
