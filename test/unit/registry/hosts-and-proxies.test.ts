import { describe, expect, it } from 'vitest';
import { bypassesProxy, proxySettingsFromEnv, retryAfterMs } from '../../../server/src/io/http';
import { isInsecureRegistry, registryApiHost } from '../../../server/src/io/registry';
import { ref } from '../../helpers/registry/clients';

describe('registry hosts', () => {
  it('sends Docker Hub references to registry-1.docker.io', () => {
    expect(registryApiHost(ref('node:18-alpine').registry)).toBe('registry-1.docker.io');
    expect(ref('node:18-alpine').repository).toBe('library/node');
    expect(registryApiHost(ref('index.docker.io/library/node:18').registry)).toBe('registry-1.docker.io');
    expect(registryApiHost(ref('ghcr.io/owner/app:1').registry)).toBe('ghcr.io');
    expect(registryApiHost(ref('localhost:5000/app').registry)).toBe('localhost:5000');
    expect(registryApiHost(ref('registry.example.com:8443/team/app:2').registry)).toBe('registry.example.com:8443');
  });

  it('allows plain HTTP for loopback names with any port by default, and only for listed hosts otherwise', () => {
    for (const host of ['localhost', 'localhost:5000', '127.0.0.1:5055', '[::1]:5000', '[::1]']) expect(isInsecureRegistry(host)).toBe(true);
    for (const host of ['registry-1.docker.io', '127.0.0.2:5000', 'localhost.example.com', 'ghcr.io']) expect(isInsecureRegistry(host)).toBe(false);
    expect(isInsecureRegistry('registry.lan:5000', ['registry.lan'])).toBe(true);
    expect(isInsecureRegistry('registry.lan:5000', ['registry.lan:5001'])).toBe(false);
    expect(isInsecureRegistry('registry.lan:5001', ['http://registry.lan:5001'])).toBe(true);
    expect(isInsecureRegistry('localhost:5000', [])).toBe(false);
  });
});

describe('proxies', () => {
  it('reads lower-case variables first, like curl', () => {
    expect(proxySettingsFromEnv({ https_proxy: 'http://a:1', HTTPS_PROXY: 'http://b:2', NO_PROXY: 'x' })).toEqual({ httpProxy: undefined, httpsProxy: 'http://a:1', noProxy: 'x' });
    expect(proxySettingsFromEnv({})).toEqual({ httpProxy: undefined, httpsProxy: undefined, noProxy: '' });
  });

  it('bypasses the proxy for loopback and NO_PROXY matches', () => {
    const url = (u: string) => new URL(u);
    expect(bypassesProxy(url('https://127.0.0.1:5000/v2/'), '')).toBe(true);
    expect(bypassesProxy(url('https://localhost/v2/'), '')).toBe(true);
    expect(bypassesProxy(url('https://[::1]:5000/v2/'), '')).toBe(true);
    expect(bypassesProxy(url('https://registry-1.docker.io/v2/'), '')).toBe(false);
    expect(bypassesProxy(url('https://registry-1.docker.io/v2/'), 'docker.io')).toBe(true);
    expect(bypassesProxy(url('https://registry-1.docker.io/v2/'), '.docker.io')).toBe(true);
    expect(bypassesProxy(url('https://registry-1.docker.io/v2/'), '*.docker.io')).toBe(true);
    expect(bypassesProxy(url('https://ghcr.io/v2/'), 'docker.io, quay.io')).toBe(false);
    expect(bypassesProxy(url('https://ghcr.io/v2/'), '*')).toBe(true);
    expect(bypassesProxy(url('https://reg.lan:5000/v2/'), 'reg.lan:5000')).toBe(true);
    expect(bypassesProxy(url('https://reg.lan/v2/'), 'reg.lan:5000')).toBe(false);
    expect(bypassesProxy(url('https://reg.lan/v2/'), 'reg.lan:443')).toBe(true);
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    expect(retryAfterMs(inTenSeconds)).toBeGreaterThan(8_000);
  });
});
