import { describe, expect, it } from 'vitest';
import { baseName, parseImageRef, shortName } from '../../../server/src/core/image-ref';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

describe('parseImageRef', () => {
  it('reads a Docker Hub official image', () => {
    expect(parseImageRef('node:20-slim')).toEqual({
      text: 'node:20-slim',
      name: 'node',
      registry: 'docker.io',
      repository: 'library/node',
      tag: '20-slim',
      digest: undefined,
    });
  });

  it('reads a name without tag', () => {
    expect(parseImageRef('node')).toMatchObject({ name: 'node', repository: 'library/node', tag: undefined, digest: undefined });
  });

  it('reads a Docker Hub user repository', () => {
    expect(parseImageRef('bitnami/redis:7.2')).toMatchObject({ registry: 'docker.io', repository: 'bitnami/redis', tag: '7.2' });
  });

  it('normalises docker.io spellings', () => {
    for (const text of ['docker.io/node:20', 'docker.io/library/node:20', 'index.docker.io/library/node:20', 'registry-1.docker.io/node:20']) {
      expect(parseImageRef(text), text).toMatchObject({ registry: 'docker.io', repository: 'library/node', tag: '20' });
    }
  });

  it('reads registries with a dot, a port or localhost', () => {
    expect(parseImageRef('gcr.io/distroless/static-debian12:nonroot')).toMatchObject({
      name: 'gcr.io/distroless/static-debian12',
      registry: 'gcr.io',
      repository: 'distroless/static-debian12',
      tag: 'nonroot',
    });
    expect(parseImageRef('localhost:5000/team/app:1.0')).toMatchObject({ registry: 'localhost:5000', repository: 'team/app', tag: '1.0' });
    expect(parseImageRef('localhost/app')).toMatchObject({ registry: 'localhost', repository: 'app', tag: undefined });
    expect(parseImageRef('mcr.microsoft.com/dotnet/aspnet:8.0')).toMatchObject({ registry: 'mcr.microsoft.com', repository: 'dotnet/aspnet' });
  });

  it('does not take a registry port for a tag', () => {
    expect(parseImageRef('registry:5000/app')).toMatchObject({ registry: 'registry:5000', repository: 'app', tag: undefined });
  });

  it('reads digests, with and without a tag', () => {
    expect(parseImageRef(`node:20@${DIGEST}`)).toMatchObject({ name: 'node', tag: '20', digest: DIGEST });
    expect(parseImageRef(`ghcr.io/org/app@${DIGEST}`)).toMatchObject({ registry: 'ghcr.io', repository: 'org/app', tag: undefined, digest: DIGEST });
  });

  it('rejects what is not a reference', () => {
    for (const text of ['', 'Node:20', 'node:', 'node:-x', 'node@sha256:abc', 'a//b', 'node 20', '-node', `node:${'x'.repeat(129)}`, '${BASE}']) {
      expect(parseImageRef(text), text).toBeUndefined();
    }
  });
});

describe('shortName and baseName', () => {
  it('drop the registry and library/', () => {
    expect(shortName(parseImageRef('node:20')!)).toBe('node');
    expect(shortName(parseImageRef('gcr.io/distroless/static:nonroot')!)).toBe('distroless/static');
    expect(baseName(parseImageRef('gcr.io/distroless/static-debian12')!)).toBe('static-debian12');
    expect(baseName(parseImageRef('docker.io/library/python:3.12')!)).toBe('python');
  });
});
