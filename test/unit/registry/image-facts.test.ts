import { afterAll, beforeAll, expect, it } from 'vitest';
import { clientFactory, describeWithRegistry, ref } from '../../helpers/registry/clients';
import { MT } from '../../helpers/registry/seed-images';
import { startTestRegistry, type TestRegistry } from '../../helpers/registry/test-registry';

describeWithRegistry('imageFacts against a registry without auth', () => {
  let reg: TestRegistry;
  const clients = clientFactory();
  beforeAll(async () => {
    reg = await startTestRegistry({ auth: 'none' });
  }, 120_000);
  afterAll(async () => {
    await clients.closeAll();
    await reg?.stop();
  });

  it('lists the platforms of an OCI index with sizes and dates, leaving out the attestation', async () => {
    const seeded = reg.seeded['library/node:18-alpine'];
    const facts = await clients.make().imageFacts(ref(`${reg.host}/library/node:18-alpine`));
    expect(facts).toEqual({
      reference: `${reg.host}/library/node:18-alpine`,
      digest: seeded.digest,
      mediaType: MT.ociIndex,
      platforms: [
        { os: 'linux', architecture: 'amd64', ...seeded.platforms['linux/amd64'] },
        { os: 'linux', architecture: 'arm64', variant: 'v8', ...seeded.platforms['linux/arm64/v8'] },
      ],
    });
    expect(seeded.attestations).toHaveLength(1);
    expect(JSON.stringify(facts)).not.toContain(seeded.attestations[0]);
    expect(clients.logs.some((l) => l.includes(seeded.attestations[0]))).toBe(false);
  });

  it('lists the platforms of a Docker manifest list', async () => {
    const seeded = reg.seeded['library/node:18'];
    const facts = await clients.make().imageFacts(ref(`${reg.host}/library/node:18`));
    expect(facts.mediaType).toBe(MT.dockerList);
    expect(facts.digest).toBe(seeded.digest);
    expect(facts.platforms).toEqual([
      { os: 'linux', architecture: 'amd64', ...seeded.platforms['linux/amd64'] },
      { os: 'linux', architecture: 'arm', variant: 'v7', ...seeded.platforms['linux/arm/v7'] },
    ]);
  });

  it('describes a single manifest from its config', async () => {
    const seeded = reg.seeded['library/debian:bookworm-slim'];
    const facts = await clients.make().imageFacts(ref(`${reg.host}/library/debian:bookworm-slim`));
    expect(facts).toEqual({
      reference: `${reg.host}/library/debian:bookworm-slim`,
      digest: seeded.digest,
      mediaType: MT.dockerManifest,
      platforms: [{ os: 'linux', architecture: 'amd64', ...seeded.platforms['linux/amd64'] }],
    });
  });

  it('describes a digest reference', async () => {
    const seeded = reg.seeded['library/node:18-alpine'];
    const facts = await clients.make().imageFacts(ref(`${reg.host}/library/node@${seeded.digest}`));
    expect(facts.reference).toBe(`${reg.host}/library/node@${seeded.digest}`);
    expect(facts.digest).toBe(seeded.digest);
    expect(facts.platforms.map((p) => p.digest)).toEqual([seeded.platforms['linux/amd64'].digest, seeded.platforms['linux/arm64/v8'].digest]);
  });

  it('answers concurrent lookups of several images', async () => {
    const client = clients.make();
    const names = ['library/node:18-alpine', 'library/node:18-bookworm', 'library/debian:bookworm-slim'];
    const all = await Promise.all(names.map((n) => client.imageFacts(ref(`${reg.host}/${n}`))));
    expect(all.map((f) => f.digest)).toEqual(names.map((n) => reg.seeded[n].digest));
  });
});
