import { describe, expect, it } from 'vitest';
import { isRegistryError } from '../../../server/src/core/registry-types';
import { RegistryLookupError, TransportError, classifyFetchError, formatDuration, lookupError, redact, toLookupError } from '../../../server/src/io/registry-errors';

/** What Node's fetch throws: `TypeError('fetch failed')` with the system error as `cause`. */
function fetchFailed(code: string, message = code): Error {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code }) });
}

describe('classifyFetchError', () => {
  const url = new URL('https://registry.example.com:5000/v2/');
  const cases: Array<[Error, string, string]> = [
    [fetchFailed('ENOTFOUND', 'getaddrinfo ENOTFOUND registry.example.com'), 'dns', 'the host name registry.example.com could not be resolved'],
    [fetchFailed('EAI_AGAIN'), 'dns', 'the host name registry.example.com could not be resolved'],
    [fetchFailed('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), 'tls', 'the TLS certificate of registry.example.com:5000 could not be verified (UNABLE_TO_VERIFY_LEAF_SIGNATURE)'],
    [fetchFailed('CERT_HAS_EXPIRED'), 'tls', 'the TLS certificate of registry.example.com:5000 could not be verified (CERT_HAS_EXPIRED)'],
    [fetchFailed('DEPTH_ZERO_SELF_SIGNED_CERT'), 'tls', 'the TLS certificate of registry.example.com:5000 could not be verified (DEPTH_ZERO_SELF_SIGNED_CERT)'],
    [fetchFailed('ERR_TLS_CERT_ALTNAME_INVALID'), 'tls', 'the TLS certificate of registry.example.com:5000 is not valid for that name'],
    [fetchFailed('ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE'), 'tls', 'the TLS handshake with registry.example.com:5000 failed (ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE)'],
    [fetchFailed('ERR_SSL_WRONG_VERSION_NUMBER'), 'insecure', 'registry.example.com:5000 answers over plain HTTP, which is allowed only for registries listed as insecure'],
    [fetchFailed('ERR_SSL_PACKET_LENGTH_TOO_LONG'), 'insecure', 'registry.example.com:5000 answers over plain HTTP, which is allowed only for registries listed as insecure'],
    [fetchFailed('ECONNREFUSED'), 'network', 'the connection to registry.example.com:5000 was refused'],
    [fetchFailed('ENETUNREACH'), 'network', 'registry.example.com:5000 is unreachable'],
    [fetchFailed('ECONNRESET'), 'network', 'the connection to registry.example.com:5000 closed before the response was complete'],
    [new TypeError('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) }), 'network', 'the connection to registry.example.com:5000 closed before the response was complete'],
    [new TypeError('fetch failed', { cause: new Error('Proxy response (407) !== 200 when HTTP Tunneling') }), 'network', 'the proxy refused to connect to registry.example.com:5000 (HTTP 407)'],
    [fetchFailed('EWHATEVER'), 'network', 'the request to registry.example.com:5000 failed (EWHATEVER)'],
  ];
  it.each(cases)('%s → %s', (error, kind, detail) => {
    const result = classifyFetchError(error, url);
    expect(result.kind).toBe(kind);
    expect(result.detail).toBe(detail);
  });

  it('marks plain-HTTP answers so the client can fall back for insecure registries', () => {
    expect(classifyFetchError(fetchFailed('ERR_SSL_WRONG_VERSION_NUMBER'), url).plainHttp).toBe(true);
    expect(classifyFetchError(fetchFailed('ECONNREFUSED'), url).plainHttp).toBe(false);
  });
});

describe('lookup errors', () => {
  it('name the image and the host in one sentence', () => {
    const error = lookupError('node:18-alpine', 'registry-1.docker.io', 'timeout', 'the request timed out after 10 s');
    expect(error.message).toBe('Could not look up `node:18-alpine` on registry-1.docker.io: the request timed out after 10 s');
    expect(error).toBeInstanceOf(Error);
    expect(isRegistryError(error)).toBe(true);
    expect({ kind: error.kind, image: error.image }).toEqual({ kind: 'timeout', image: 'node:18-alpine' });
  });

  it('redact secrets from the message', () => {
    const error = toLookupError(new TransportError('auth', 'token hunter2-secret was refused'), 'app:1', 'ghcr.io', ['hunter2-secret']);
    expect(error.message).toBe('Could not look up `app:1` on ghcr.io: token *** was refused');
  });

  it('wrap unexpected failures as network errors and keep registry errors as they are', () => {
    expect(toLookupError(new Error('boom'), 'a:1', 'h').kind).toBe('network');
    const original = new RegistryLookupError('not-found', 'a:1', 'x');
    expect(toLookupError(original, 'b:2', 'h')).toBe(original);
  });

  it('isRegistryError accepts the shape and nothing else', () => {
    expect(isRegistryError({ kind: 'dns', image: 'a', message: 'm' })).toBe(true);
    expect(isRegistryError({ kind: 'weird', image: 'a', message: 'm' })).toBe(false);
    expect(isRegistryError(new Error('x'))).toBe(false);
    expect(isRegistryError(null)).toBe(false);
  });
});

describe('formatting', () => {
  it('formats durations for people', () => {
    expect(formatDuration(10_000)).toBe('10 s');
    expect(formatDuration(300)).toBe('0.3 s');
    expect(formatDuration(3_600_000)).toBe('60 min');
  });

  it('redacts every occurrence and ignores very short secrets', () => {
    expect(redact('a SECRET and SECRET', ['SECRET', 'a'])).toBe('a *** and ***');
  });
});
