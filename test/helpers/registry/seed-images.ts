/**
 * Pushes test images over the registry HTTP API (no Docker, no skopeo). Blobs are small random
 * bytes; configs are JSON with `created`. What is pushed:
 *   library/node:18-alpine        OCI index: linux/amd64, linux/arm64/v8, and a BuildKit-style attestation entry
 *   library/node:18-bookworm, :18 Docker manifest list: linux/amd64, linux/arm/v7
 *   library/debian:bookworm-slim  single Docker v2 manifest (linux/amd64)
 *   private/app:1                 single OCI manifest (anonymous pull refused under token auth)
 */
import { createHash, randomBytes } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { Agent, fetch } from 'undici';

export interface SeededPlatform {
  digest: string;
  compressedSize: number;
  created: string;
}

export interface SeededImage {
  digest: string;
  mediaType: string;
  /** `linux/amd64`, `linux/arm64/v8` → facts. */
  platforms: Record<string, SeededPlatform>;
  /** Attestation manifest digests in the index (must be skipped). */
  attestations: string[];
}

export type Seeded = Record<string, SeededImage>;

export const MT = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
};

const sha256 = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

interface Pusher {
  blob(name: string, bytes: Buffer): Promise<{ digest: string; size: number }>;
  manifest(name: string, reference: string, json: object): Promise<{ digest: string; size: number; mediaType: string }>;
  close(): Promise<void>;
}

function pusher(base: string, credentials?: { username: string; password: string }, ca?: string): Pusher {
  const dispatcher = new Agent({ connect: ca ? { ca: [...rootCertificates, ca] } : undefined });
  const basic = credentials ? `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}` : undefined;
  const tokens = new Map<string, string>();

  async function authorize(challenge: string, name: string): Promise<string> {
    if (/^Basic/i.test(challenge)) return basic ?? '';
    const param = (p: string) => new RegExp(`${p}="([^"]*)"`).exec(challenge)?.[1] ?? '';
    const realm = new URL(param('realm'));
    realm.searchParams.set('service', param('service'));
    realm.searchParams.set('scope', `repository:${name}:pull,push`);
    const res = await fetch(realm, { headers: basic ? { authorization: basic } : {}, dispatcher });
    const body = (await res.json()) as { token: string };
    return `Bearer ${body.token}`;
  }

  async function send(name: string, url: URL, init: { method: string; headers?: Record<string, string>; body?: Buffer }) {
    const headers = { ...init.headers, ...(tokens.has(name) ? { authorization: tokens.get(name)! } : {}) };
    let res = await fetch(url, { ...init, headers, dispatcher });
    if (res.status === 401) {
      await res.arrayBuffer();
      tokens.set(name, await authorize(res.headers.get('www-authenticate') ?? '', name));
      res = await fetch(url, { ...init, headers: { ...init.headers, authorization: tokens.get(name)! }, dispatcher });
    }
    return res;
  }

  return {
    async blob(name, bytes) {
      const digest = sha256(bytes);
      const start = await send(name, new URL(`/v2/${name}/blobs/uploads/`, base), { method: 'POST' });
      await start.arrayBuffer();
      if (start.status !== 202) throw new Error(`upload start for ${name}: HTTP ${start.status}`);
      const location = new URL(start.headers.get('location')!, base);
      location.searchParams.set('digest', digest);
      const put = await send(name, location, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: bytes });
      await put.arrayBuffer();
      if (put.status !== 201) throw new Error(`blob upload for ${name}: HTTP ${put.status}`);
      return { digest, size: bytes.length };
    },
    async manifest(name, reference, json) {
      const bytes = Buffer.from(JSON.stringify(json));
      const mediaType = (json as { mediaType: string }).mediaType;
      const res = await send(name, new URL(`/v2/${name}/manifests/${reference}`, base), { method: 'PUT', headers: { 'content-type': mediaType }, body: bytes });
      const text = await res.text();
      if (res.status !== 201) throw new Error(`manifest ${name}:${reference}: HTTP ${res.status} ${text}`);
      return { digest: sha256(bytes), size: bytes.length, mediaType };
    },
    close: () => dispatcher.close(),
  };
}

/** Pushes the test images; returns their digests, sizes and creation dates. */
export async function seedImages(base: string, credentials?: { username: string; password: string }, ca?: string): Promise<Seeded> {
  const push = pusher(base, credentials, ca);
  try {
    return await pushAll(push);
  } finally {
    await push.close();
  }
}

async function pushAll(push: Pusher): Promise<Seeded> {
  const seeded: Seeded = {};

  async function image(name: string, platform: { os: string; architecture: string; variant?: string }, created: string, docker: boolean) {
    const layers = [];
    for (const n of [1536, 2048 + Math.floor(Math.random() * 512)]) layers.push(await push.blob(name, randomBytes(n)));
    const config = Buffer.from(JSON.stringify({ ...platform, created, config: { Cmd: ['/bin/sh'] }, rootfs: { type: 'layers', diff_ids: layers.map((l) => l.digest) } }));
    const cfg = await push.blob(name, config);
    const manifest = {
      schemaVersion: 2,
      mediaType: docker ? MT.dockerManifest : MT.ociManifest,
      config: { mediaType: docker ? MT.dockerConfig : MT.ociConfig, digest: cfg.digest, size: cfg.size },
      layers: layers.map((l) => ({ mediaType: docker ? MT.dockerLayer : MT.ociLayer, ...l })),
    };
    const m = await push.manifest(name, sha256(Buffer.from(JSON.stringify(manifest))), manifest);
    return { ...m, json: manifest, platform, compressedSize: layers.reduce((s, l) => s + l.size, 0), created };
  }

  async function attestation(name: string, subject: string) {
    const statement = await push.blob(name, Buffer.from(JSON.stringify({ _type: 'https://in-toto.io/Statement/v0.1', subject: [{ digest: { sha256: subject.slice(7) } }] })));
    const cfg = await push.blob(name, Buffer.from('{}'));
    const manifest = {
      schemaVersion: 2, mediaType: MT.ociManifest,
      config: { mediaType: MT.ociConfig, ...cfg },
      layers: [{ mediaType: 'application/vnd.in-toto+json', ...statement }],
    };
    const m = await push.manifest(name, sha256(Buffer.from(JSON.stringify(manifest))), manifest);
    return { ...m, platform: { os: 'unknown', architecture: 'unknown' }, annotations: { 'vnd.docker.reference.digest': subject, 'vnd.docker.reference.type': 'attestation-manifest' } };
  }

  type Pushed = Awaited<ReturnType<typeof image>>;
  const record = (ref: string, digest: string, mediaType: string, children: Pushed[], attestations: string[] = []) => {
    seeded[ref] = {
      digest, mediaType, attestations,
      platforms: Object.fromEntries(children.map((c) => [
        [c.platform.os, c.platform.architecture, c.platform.variant].filter(Boolean).join('/'),
        { digest: c.digest, compressedSize: c.compressedSize, created: c.created },
      ])),
    };
  };
  const descriptor = (c: { mediaType: string; digest: string; size: number; platform: object; annotations?: object }) =>
    ({ mediaType: c.mediaType, digest: c.digest, size: c.size, platform: c.platform, ...(c.annotations ? { annotations: c.annotations } : {}) });

  {
    const name = 'library/node';
    const amd = await image(name, { os: 'linux', architecture: 'amd64' }, '2024-01-01T00:00:00Z', false);
    const arm = await image(name, { os: 'linux', architecture: 'arm64', variant: 'v8' }, '2024-01-02T00:00:00Z', false);
    const att = await attestation(name, amd.digest);
    const index = { schemaVersion: 2, mediaType: MT.ociIndex, manifests: [amd, arm, att].map(descriptor) };
    const top = await push.manifest(name, '18-alpine', index);
    record(`${name}:18-alpine`, top.digest, top.mediaType, [amd, arm], [att.digest]);
  }
  {
    const name = 'library/node';
    const amd = await image(name, { os: 'linux', architecture: 'amd64' }, '2024-02-01T00:00:00Z', true);
    const arm = await image(name, { os: 'linux', architecture: 'arm', variant: 'v7' }, '2024-02-02T00:00:00Z', true);
    const list = { schemaVersion: 2, mediaType: MT.dockerList, manifests: [amd, arm].map(descriptor) };
    let top = await push.manifest(name, '18-bookworm', list);
    top = await push.manifest(name, '18', list);
    for (const tag of ['18-bookworm', '18']) record(`${name}:${tag}`, top.digest, top.mediaType, [amd, arm]);
  }
  for (const [name, tag, docker, created] of [['library/debian', 'bookworm-slim', true, '2024-03-01T00:00:00Z'], ['private/app', '1', false, '2024-04-01T00:00:00Z']] as const) {
    const single = await image(name, { os: 'linux', architecture: 'amd64' }, created, docker);
    await push.manifest(name, tag, single.json); // same bytes, so the tag's digest is the manifest's
    record(`${name}:${tag}`, single.digest, single.mediaType, [single]);
  }
  return seeded;
}
