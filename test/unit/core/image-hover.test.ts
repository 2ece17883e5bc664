import { describe, expect, it } from 'vitest';
import { imageHoverMarkdown } from '../../../server/src/core/image-hover';
import { parseImageRef } from '../../../server/src/core/image-ref';
import { smallerVariants } from '../../../server/src/core/image-variants';

const variants = (text: string) => smallerVariants(parseImageRef(text)!).map((r) => r.text);

describe('smaller variants of official images', () => {
  it('offers slim, alpine and distroless for Node, keeping the version', () => {
    expect(variants('node:18.19.0')).toEqual(['node:18.19.0-slim', 'node:18.19.0-alpine', 'gcr.io/distroless/nodejs18-debian12:nonroot']);
    expect(variants('node:20-bookworm')).toEqual(['node:20-slim', 'node:20-alpine', 'gcr.io/distroless/nodejs20-debian12:nonroot']);
  });

  it('offers nothing smaller for variants that are already slim, and nothing for unknown images', () => {
    expect(variants('node:20-alpine')).toEqual(['gcr.io/distroless/nodejs20-debian12:nonroot']);
    expect(variants('python:3.12-slim')).toEqual([]);
    expect(variants('ghcr.io/acme/app:1.0')).toEqual([]);
    expect(variants('node')).toEqual([]);
  });

  it('knows Python, Go, Temurin and Debian', () => {
    expect(variants('python:3.12')).toEqual(['python:3.12-slim', 'python:3.12-alpine']);
    expect(variants('golang:1.22')).toEqual(['gcr.io/distroless/static-debian12:nonroot', 'golang:1.22-alpine']);
    expect(variants('eclipse-temurin:21-jdk')).toEqual(['eclipse-temurin:21-jre', 'eclipse-temurin:21-jre-alpine']);
    expect(variants('debian:bookworm')).toEqual(['debian:bookworm-slim']);
  });
});

describe('image hover', () => {
  it('shows digest, platforms with sizes and dates, and variants with their change', () => {
    const text = imageHoverMarkdown(
      'node:18',
      {
        reference: 'docker.io/library/node:18',
        digest: 'sha256:abc',
        mediaType: 'application/vnd.oci.image.index.v1+json',
        platforms: [
          { os: 'linux', architecture: 'arm64', variant: 'v8', digest: 'sha256:1', compressedSize: 380_000_000, created: '2026-11-01T10:00:00Z' },
          { os: 'linux', architecture: 'amd64', digest: 'sha256:2', compressedSize: 400_000_000 },
        ],
      },
      [
        { image: 'node:18-slim', size: 70_000_000 },
        { image: 'node:18-alpine', error: 'not found' },
      ],
    );
    expect(text).toContain('Digest: `sha256:abc`');
    expect(text).toContain('| linux/arm64/v8 | 380.0 MB | 2026-11-01 |');
    expect(text).toContain('| linux/amd64 | 400.0 MB | — |');
    expect(text).toContain('Smaller variants (linux/amd64):');
    expect(text).toContain('| `node:18-slim` | 70.0 MB | -83 % |');
    expect(text).toContain('| `node:18-alpine` | — | not found |');
  });
});
