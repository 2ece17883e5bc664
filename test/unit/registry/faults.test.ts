import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { clientFactory, describeWithRegistry, ref, rejection } from '../../helpers/registry/clients';
import { blobGets, fixedBody, manifestGets, manifests, oversizedBody, serverError, stall, stripDigestHeader, tooManyRequests, truncatedBody } from '../../helpers/registry/faults';
import { freePort } from '../../helpers/registry/listen';
import { startReverseProxy, type ReverseProxy } from '../../helpers/registry/reverse-proxy';
import { startTestRegistry, type TestRegistry } from '../../helpers/registry/test-registry';

describeWithRegistry('registry misbehaviour, through a fault-injecting proxy', () => {
  let reg: TestRegistry;
  let proxy: ReverseProxy;
  const clients = clientFactory();
  const image = (name: string) => ref(`${proxy.host}/${name}`);
  const prefix = (name: string) => `Could not look up \`${proxy.host}/${name}\` on ${proxy.host}: `;

  beforeAll(async () => {
    reg = await startTestRegistry({ auth: 'none' });
    proxy = await startReverseProxy(reg.url);
  }, 120_000);
  afterEach(() => proxy.reset());
  afterAll(async () => {
    await clients.closeAll();
    await proxy?.stop();
    await reg?.stop();
  });

  it('falls back to GET and sha256 of the body when Docker-Content-Digest is missing', async () => {
    proxy.use(stripDigestHeader());
    const client = clients.make();
    expect(await client.resolveDigest(image('library/node:18-alpine'))).toBe(reg.seeded['library/node:18-alpine'].digest);
    expect(await client.resolveDigest(image('library/node:18-bookworm'))).toBe(reg.seeded['library/node:18-bookworm'].digest);
    const methods = proxy.requests.filter((r) => r.path.endsWith('/manifests/18-alpine')).map((r) => r.method);
    expect(methods).toEqual(['HEAD', 'GET']);
    expect(clients.logs.some((l) => l.includes('gave no usable Docker-Content-Digest'))).toBe(true);
  });

  it('sends all four manifest media types in Accept', async () => {
    await clients.make().resolveDigest(image('library/node:18'));
    const accept = proxy.requests.find((r) => r.method === 'HEAD')?.headers.accept ?? '';
    for (const type of ['oci.image.index.v1', 'manifest.list.v2', 'oci.image.manifest.v1', 'distribution.manifest.v2']) expect(accept).toContain(type);
  });

  it('backs off once on 429 with Retry-After, then succeeds', async () => {
    proxy.use(tooManyRequests(manifests, '1'), 1);
    const started = Date.now();
    expect(await clients.make().resolveDigest(image('library/node:18'))).toBe(reg.seeded['library/node:18'].digest);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(clients.logs.some((l) => l.includes('answered 429; retrying once in 1 s'))).toBe(true);
    expect(clients.logs.some((l) => l.includes('ratelimit-remaining 0;w=21600'))).toBe(true);
  });

  it('gives up with rate-limited when 429 persists', async () => {
    proxy.use(tooManyRequests(manifests, '1'));
    const error = await rejection(clients.make().resolveDigest(image('library/node:18')));
    expect(error.kind).toBe('rate-limited');
    expect(error.message).toBe(`${prefix('library/node:18')}the registry is rate limiting requests (HTTP 429, 0 requests left in this window); try again in 1 s or sign in with \`docker login ${proxy.host}\` for a higher limit`);
    expect(proxy.requests.filter((r) => r.method === 'HEAD')).toHaveLength(2);
  });

  it('does not wait when Retry-After is longer than a few seconds', async () => {
    proxy.use(tooManyRequests(manifests, '3600'));
    const started = Date.now();
    const error = await rejection(clients.make().resolveDigest(image('library/node:18')));
    expect(error.kind).toBe('rate-limited');
    expect(error.message).toContain('try again in 60 min');
    expect(Date.now() - started).toBeLessThan(900);
    expect(proxy.requests).toHaveLength(1);
  });

  it('reports 500 as a server error', async () => {
    proxy.use(serverError(manifests));
    const error = await rejection(clients.make().resolveDigest(image('library/node:18')));
    expect(error).toEqual(expect.objectContaining({ kind: 'server', message: `${prefix('library/node:18')}the registry answered HTTP 500 for the tag \`18\`` }));
  });

  it('times out a stalled request', async () => {
    proxy.use(stall(manifests));
    const error = await rejection(clients.make({ timeoutMs: 300 }).resolveDigest(image('library/node:18')));
    expect(error).toEqual(expect.objectContaining({ kind: 'timeout', message: `${prefix('library/node:18')}the request timed out after 0.3 s` }));
  });

  it('cancels a stalled request when the caller aborts', async () => {
    proxy.use(stall(manifests));
    const controller = new AbortController();
    const pending = clients.make().resolveDigest(image('library/node:18'), { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect((await rejection(pending)).kind).toBe('cancelled');
  });

  it('reports a truncated body as a dropped connection', async () => {
    const seeded = reg.seeded['library/node:18'];
    proxy.use(truncatedBody((r) => manifestGets(r) && r.url!.includes(seeded.digest), Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'x', manifests: [] })), 'application/json'));
    const error = await rejection(clients.make().imageFacts(image('library/node:18')));
    expect(error.kind).toBe('network');
    expect(error.message).toBe(`${prefix('library/node:18')}the connection to ${proxy.host} closed before the response was complete`);
  });

  it('refuses manifests over 4 MiB, streamed or declared', async () => {
    proxy.use(oversizedBody(manifestGets, 5 * 1024 * 1024, false), 1);
    const streamed = await rejection(clients.make().imageFacts(image('library/node:18')));
    expect(streamed).toEqual(expect.objectContaining({ kind: 'too-large', message: `${prefix('library/node:18')}the response is larger than 4 MiB` }));
    proxy.use(oversizedBody(manifestGets, 64 * 1024 * 1024, true), 1);
    expect((await rejection(clients.make().imageFacts(image('library/node:18')))).kind).toBe('too-large');
  });

  it('refuses image configs over 4 MiB', async () => {
    proxy.use(oversizedBody(blobGets, 5 * 1024 * 1024, false));
    expect((await rejection(clients.make().imageFacts(image('library/debian:bookworm-slim')))).kind).toBe('too-large');
  });

  it('reports invalid JSON as malformed', async () => {
    proxy.use(stripDigestHeader((r) => r.method === 'HEAD'));
    proxy.use(fixedBody(manifestGets, 200, '{"schemaVersion": 2, "manif', { 'content-type': 'application/vnd.oci.image.index.v1+json' }));
    const error = await rejection(clients.make().resolveDigest(image('library/node:18')));
    expect(error).toEqual(expect.objectContaining({ kind: 'malformed', message: `${prefix('library/node:18')}the registry sent a manifest that is not valid JSON` }));
  });

  it('reports a manifest that does not match its digest as malformed', async () => {
    const seeded = reg.seeded['library/node:18'];
    proxy.use(fixedBody((r) => manifestGets(r) && r.url!.includes(seeded.digest), 200, JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [] }), { 'content-type': 'application/vnd.oci.image.index.v1+json' }));
    const error = await rejection(clients.make().imageFacts(image('library/node:18')));
    expect(error.kind).toBe('malformed');
    expect(error.message).toContain(`does not match its digest ${seeded.digest}`);
  });

  it('reports a connection refused as a network error', async () => {
    const host = `127.0.0.1:${await freePort()}`;
    const error = await rejection(clients.make().resolveDigest(ref(`${host}/library/node:18`)));
    expect(error).toEqual(expect.objectContaining({ kind: 'network', message: `Could not look up \`${host}/library/node:18\` on ${host}: the connection to ${host} was refused` }));
  });
});
