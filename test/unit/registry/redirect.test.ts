import { afterAll, beforeAll, expect, it } from 'vitest';
import { startBlobCdn, type BlobCdn } from '../../helpers/registry/blob-cdn';
import { clientFactory, describeWithRegistry, ref, rejection } from '../../helpers/registry/clients';
import { makeDockerConfigDir, type DockerConfigDir } from '../../helpers/registry/docker-config';
import { blobGets, redirectTo } from '../../helpers/registry/faults';
import { startReverseProxy, type ReverseProxy } from '../../helpers/registry/reverse-proxy';
import { startTestRegistry, type TestRegistry } from '../../helpers/registry/test-registry';

describeWithRegistry('redirects to another host (blob downloads from a CDN)', () => {
  let reg: TestRegistry;
  let front: ReverseProxy;
  let cdn: BlobCdn;
  let cfg: DockerConfigDir;
  const clients = clientFactory();

  beforeAll(async () => {
    reg = await startTestRegistry({ auth: 'htpasswd' });
    front = await startReverseProxy(reg.url);
    cdn = await startBlobCdn(reg.url, reg.user);
    cfg = makeDockerConfigDir();
    cfg.write({ auths: { [front.host]: { auth: Buffer.from(`${reg.user.username}:${reg.user.password}`).toString('base64') } } });
  }, 120_000);
  afterAll(async () => {
    await clients.closeAll();
    await cdn?.stop();
    await front?.stop();
    await reg?.stop();
    cfg?.remove();
  });

  it('follows the redirect without sending Authorization to the other host', async () => {
    front.use(redirectTo(blobGets, (req) => `${cdn.url}${req.url!.replace(/^\/v2/, '')}`));
    const client = clients.make({ dockerConfigPath: cfg.configPath });
    const facts = await client.imageFacts(ref(`${front.host}/library/node:18-bookworm`));
    expect(facts.platforms.map((p) => p.created)).toEqual(['2024-02-01T00:00:00Z', '2024-02-02T00:00:00Z']);

    const redirected = front.requests.filter((r) => r.path.includes('/blobs/'));
    expect(redirected).toHaveLength(2);
    for (const r of redirected) expect(r.headers.authorization).toMatch(/^Basic /);
    expect(cdn.requests).toHaveLength(2);
    for (const r of cdn.requests) expect(r.headers.authorization).toBeUndefined();
    expect(clients.logs).toContain(`redirected from ${front.host} to ${new URL(cdn.url).host}; credentials are not forwarded`);
  });

  it('refuses a redirect to plain HTTP on a host that is not insecure', async () => {
    front.reset();
    front.use(redirectTo(blobGets, (req) => `http://cdn.example.test${req.url}`));
    const client = clients.make({ dockerConfigPath: cfg.configPath });
    const error = await rejection(client.imageFacts(ref(`${front.host}/library/debian:bookworm-slim`)));
    expect(error.kind).toBe('insecure');
    expect(error.message).toBe(`Could not look up \`${front.host}/library/debian:bookworm-slim\` on ${front.host}: a request would go to http://cdn.example.test over plain HTTP, which is allowed only for registries listed as insecure`);
  });
});
