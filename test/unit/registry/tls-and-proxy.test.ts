import { afterAll, beforeAll, expect, it } from 'vitest';
import { clientFactory, describeWithRegistry, ref, rejection } from '../../helpers/registry/clients';
import { makeDockerConfigDir, type DockerConfigDir } from '../../helpers/registry/docker-config';
import { startForwardProxy, type ForwardProxy } from '../../helpers/registry/forward-proxy';
import { startTestRegistry, type TestRegistry } from '../../helpers/registry/test-registry';
import type { RegistryClientOptions } from '../../../server/src/io/registry';

const PROXY_ENV = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'];

describeWithRegistry('TLS with a self-signed CA, token auth, and HTTPS_PROXY', () => {
  let reg: TestRegistry;
  let proxy: ForwardProxy;
  let cfg: DockerConfigDir;
  const clients = clientFactory();
  const saved: Record<string, string | undefined> = {};

  /** A client created while HTTPS_PROXY points at the test proxy (the client reads the environment when it is created). */
  const proxied = (options: RegistryClientOptions = {}) => {
    process.env.HTTPS_PROXY = proxy.url.replace('http://', 'http://proxyuser:proxy-pass-42@');
    try {
      return clients.make({ ca: reg.ca, ...options });
    } finally {
      delete process.env.HTTPS_PROXY;
    }
  };

  beforeAll(async () => {
    for (const k of PROXY_ENV) {
      saved[k] = process.env[k];
      delete process.env[k];
    }
    reg = await startTestRegistry({ auth: 'token', tls: true, dnsNames: ['registry.example.test', 'registry-1.docker.io'] });
    proxy = await startForwardProxy({ 'registry-1.docker.io:443': reg.host, 'registry.example.test:443': reg.host });
    cfg = makeDockerConfigDir();
  }, 120_000);
  afterAll(async () => {
    for (const k of PROXY_ENV) if (saved[k] !== undefined) process.env[k] = saved[k];
    await clients.closeAll();
    await proxy?.stop();
    await reg?.stop();
    cfg?.remove();
  });

  it('trusts the registry when given the CA', async () => {
    const client = clients.make({ ca: reg.ca });
    expect(await client.resolveDigest(ref(`${reg.host}/library/node:18-alpine`))).toBe(reg.seeded['library/node:18-alpine'].digest);
    expect((await client.imageFacts(ref(`${reg.host}/library/node:18-alpine`))).platforms).toHaveLength(2);
  });

  it('reports an untrusted certificate as a TLS error and does not fall back to HTTP', async () => {
    const error = await rejection(clients.make().resolveDigest(ref(`${reg.host}/library/node:18-alpine`)));
    expect(error.kind).toBe('tls');
    expect(error.message).toMatch(new RegExp(`^Could not look up \`${reg.host}/library/node:18-alpine\` on ${reg.host}: the TLS certificate of ${reg.host} could not be verified \\((UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN)\\)$`));
    expect(clients.logs.some((l) => l.includes(`http://${reg.host}`))).toBe(false);
  });

  it('reaches Docker Hub names through the proxy: registry-1.docker.io and library/', async () => {
    const client = proxied();
    const before = clients.logs.length;
    const facts = await client.imageFacts(ref('node:18-alpine'));
    expect(facts.reference).toBe('docker.io/library/node:18-alpine');
    expect(facts.digest).toBe(reg.seeded['library/node:18-alpine'].digest);
    expect(await client.resolveDigest(ref('docker.io/library/node:18-bookworm'), { platform: 'linux/arm/v7' })).toBe(reg.seeded['library/node:18-bookworm'].platforms['linux/arm/v7'].digest);
    expect(new Set(proxy.connects)).toEqual(new Set(['registry-1.docker.io:443']));
    expect(proxy.proxyAuthorizations[0]).toBe(`Basic ${Buffer.from('proxyuser:proxy-pass-42').toString('base64')}`);

    // Requests go to the image's registry and the token service it named, nowhere else.
    const hosts = new Set(clients.logs.slice(before).map((l) => /^(?:HEAD|GET|POST) (\S+)/.exec(l)?.[1]).filter(Boolean).map((u) => new URL(u!).host));
    expect(hosts).toEqual(new Set(['registry-1.docker.io', new URL(reg.token!.realm).host]));
    expect(clients.logs.join('\n')).not.toContain('proxy-pass-42');
  });

  it('finds Docker Hub credentials under https://index.docker.io/v1/', async () => {
    cfg.write({ auths: { 'https://index.docker.io/v1/': { auth: Buffer.from(`${reg.user.username}:${reg.user.password}`).toString('base64') } } });
    const client = proxied({ dockerConfigPath: cfg.configPath });
    expect(await client.resolveDigest(ref('private/app:1'))).toBe(reg.seeded['private/app:1'].digest);
    const anonymous = await rejection(proxied().resolveDigest(ref('private/app:1')));
    expect(anonymous.message).toBe('Could not look up `private/app:1` on registry-1.docker.io: the registry refused anonymous access to private/app (insufficient_scope): it is private or does not exist; sign in with `docker login` if it is private');
  });

  it('reaches other registries through the proxy and reports a refused tunnel', async () => {
    const client = proxied();
    expect(await client.resolveDigest(ref('registry.example.test/library/node:18'))).toBe(reg.seeded['library/node:18'].digest);
    expect(proxy.connects).toContain('registry.example.test:443');
    const error = await rejection(client.resolveDigest(ref('unknown.example.test/app:1')));
    expect(error).toEqual(expect.objectContaining({
      kind: 'network',
      message: 'Could not look up `unknown.example.test/app:1` on unknown.example.test: the proxy refused to connect to unknown.example.test (HTTP 403)',
    }));
  });

  it('goes direct for loopback registries even when a proxy is set', async () => {
    const connects = proxy.connects.length;
    expect(await proxied().resolveDigest(ref(`${reg.host}/library/node:18`))).toBe(reg.seeded['library/node:18'].digest);
    expect(proxy.connects.length).toBe(connects);
  });
});
