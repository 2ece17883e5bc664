import { afterAll, beforeAll, expect, it } from 'vitest';
import { clientFactory, describeWithRegistry, ref, rejection } from '../../helpers/registry/clients';
import { startTestRegistry, type TestRegistry } from '../../helpers/registry/test-registry';

describeWithRegistry('resolveDigest against a registry without auth', () => {
  let reg: TestRegistry;
  const clients = clientFactory();
  beforeAll(async () => {
    reg = await startTestRegistry({ auth: 'none' });
  }, 120_000);
  afterAll(async () => {
    await clients.closeAll();
    await reg?.stop();
  });

  it('pins an OCI index to the index digest, with HEAD only', async () => {
    const client = clients.make();
    const digest = await client.resolveDigest(ref(`${reg.host}/library/node:18-alpine`));
    expect(digest).toBe(reg.seeded['library/node:18-alpine'].digest);
    const lines = clients.logs.filter((l) => l.includes('/manifests/18-alpine'));
    expect(lines.some((l) => l.startsWith('HEAD '))).toBe(true);
    expect(lines.some((l) => l.startsWith('GET '))).toBe(false);
  });

  it('pins a Docker manifest list to the list digest, not the amd64 child', async () => {
    const client = clients.make();
    const seeded = reg.seeded['library/node:18-bookworm'];
    const digest = await client.resolveDigest(ref(`${reg.host}/library/node:18-bookworm`));
    expect(digest).toBe(seeded.digest);
    expect(digest).not.toBe(seeded.platforms['linux/amd64'].digest);
  });

  it('pins a single manifest to its own digest', async () => {
    const client = clients.make();
    expect(await client.resolveDigest(ref(`${reg.host}/library/debian:bookworm-slim`))).toBe(reg.seeded['library/debian:bookworm-slim'].digest);
  });

  it('returns the platform manifest digest when a platform is asked for', async () => {
    const client = clients.make();
    const alpine = reg.seeded['library/node:18-alpine'].platforms;
    expect(await client.resolveDigest(ref(`${reg.host}/library/node:18-alpine`), { platform: 'linux/arm64' })).toBe(alpine['linux/arm64/v8'].digest);
    expect(await client.resolveDigest(ref(`${reg.host}/library/node:18-alpine`), { platform: 'linux/arm64/v8' })).toBe(alpine['linux/arm64/v8'].digest);
    expect(await client.resolveDigest(ref(`${reg.host}/library/node:18-alpine`), { platform: 'linux/amd64' })).toBe(alpine['linux/amd64'].digest);
    const bookworm = reg.seeded['library/node:18-bookworm'].platforms;
    expect(await client.resolveDigest(ref(`${reg.host}/library/node:18-bookworm`), { platform: 'linux/arm' })).toBe(bookworm['linux/arm/v7'].digest);
    const single = reg.seeded['library/debian:bookworm-slim'];
    expect(await client.resolveDigest(ref(`${reg.host}/library/debian:bookworm-slim`), { platform: 'linux/amd64' })).toBe(single.digest);
  });

  it('reports a platform the image does not have, listing the ones it has', async () => {
    const client = clients.make();
    const error = await rejection(client.resolveDigest(ref(`${reg.host}/library/node:18-alpine`), { platform: 'linux/s390x' }));
    expect(error.kind).toBe('not-found');
    expect(error.message).toBe(`Could not look up \`${reg.host}/library/node:18-alpine\` on ${reg.host}: there is no linux/s390x image (it has linux/amd64, linux/arm64/v8)`);
    const single = await rejection(client.resolveDigest(ref(`${reg.host}/library/debian:bookworm-slim`), { platform: 'linux/arm64' }));
    expect(single.kind).toBe('not-found');
    expect(single.message).toContain('single-platform image for linux/amd64');
  });

  it('checks digest references and resolves platforms inside them', async () => {
    const client = clients.make();
    const seeded = reg.seeded['library/node:18-alpine'];
    expect(await client.resolveDigest(ref(`${reg.host}/library/node:18-alpine@${seeded.digest}`))).toBe(seeded.digest);
    expect(await client.resolveDigest(ref(`${reg.host}/library/node@${seeded.digest}`), { platform: 'linux/amd64' })).toBe(seeded.platforms['linux/amd64'].digest);
    const missing = `sha256:${'0'.repeat(64)}`;
    const error = await rejection(client.resolveDigest(ref(`${reg.host}/library/node@${missing}`)));
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain(`the digest ${missing} was not found in library/node`);
  });

  it('reports unknown tags and repositories as not-found, naming the image', async () => {
    const client = clients.make();
    const tag = await rejection(client.resolveDigest(ref(`${reg.host}/library/node:does-not-exist`)));
    expect(tag).toMatchObject({ kind: 'not-found', image: `${reg.host}/library/node:does-not-exist` });
    expect(tag.message).toBe(`Could not look up \`${reg.host}/library/node:does-not-exist\` on ${reg.host}: the tag \`does-not-exist\` was not found in library/node`);
    const repo = await rejection(client.imageFacts(ref(`${reg.host}/nobody/nothing:1`)));
    expect(repo.kind).toBe('not-found');
  });

  it('uses plain HTTP for loopback names only; other hosts must use HTTPS', async () => {
    const viaLocalhost = clients.make();
    const localhost = reg.host.replace('127.0.0.1', 'localhost');
    expect(await viaLocalhost.resolveDigest(ref(`${localhost}/library/node:18`))).toBe(reg.seeded['library/node:18'].digest);
    const strict = clients.make({ insecureRegistries: [] });
    const error = await rejection(strict.resolveDigest(ref(`${reg.host}/library/node:18`)));
    expect(error.kind).toBe('insecure');
    expect(error.message).toBe(`Could not look up \`${reg.host}/library/node:18\` on ${reg.host}: ${reg.host} answers over plain HTTP, which is allowed only for registries listed as insecure`);
  });

  it('caches tag digests for a minute and content by digest for good', async () => {
    let clock = 1_000_000;
    const client = clients.make({ now: () => clock });
    const before = clients.logs.length;
    const image = ref(`${reg.host}/library/node:18-alpine`);
    const facts = await client.imageFacts(image);
    await client.imageFacts(image);
    await client.resolveDigest(image, { platform: 'linux/arm64' });
    const requests = () => clients.logs.slice(before).filter((l) => /^(HEAD|GET) .* -> /.test(l));
    const first = requests().length;
    expect(first).toBe(1 /* HEAD tag */ + 1 /* index */ + 2 /* platform manifests */ + 2 /* configs */);
    clock += 61_000;
    expect((await client.imageFacts(image)).digest).toBe(facts.digest);
    expect(requests().slice(first)).toEqual([expect.stringMatching(/^HEAD .*\/manifests\/18-alpine -> 200/)]);
  });

  it('rejects with cancelled when the signal is aborted', async () => {
    const client = clients.make();
    const controller = new AbortController();
    controller.abort();
    const error = await rejection(client.resolveDigest(ref(`${reg.host}/library/node:18`), { signal: controller.signal }));
    expect(error.kind).toBe('cancelled');
    expect(error.message).toBe(`Could not look up \`${reg.host}/library/node:18\` on ${reg.host}: the lookup was cancelled`);
  });
});
