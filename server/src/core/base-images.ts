/** What is known about well-known base images: their OS family and their users. */
import { baseName, type ImageRef } from './image-ref';

export type ImageFamily = 'alpine' | 'debian' | 'rhel' | 'distroless' | 'busybox' | 'unknown';

const DEBIAN_IMAGES = new Set([
  'debian', 'ubuntu', 'buildpack-deps', 'python', 'golang', 'ruby', 'node', 'openjdk', 'eclipse-temurin', 'maven',
  'gradle', 'rust', 'php', 'perl', 'haskell', 'elixir', 'erlang', 'clojure', 'swift', 'julia', 'r-base', 'gcc',
  'aspnet', 'runtime', 'runtime-deps', 'sdk',
]);
const RHEL_IMAGES = new Set(['fedora', 'centos', 'rockylinux', 'almalinux', 'oraclelinux', 'amazonlinux']);

export function imageFamily(ref: ImageRef): ImageFamily {
  const name = baseName(ref);
  const tag = ref.tag ?? '';
  if (ref.registry === 'gcr.io' && ref.repository.startsWith('distroless/')) return 'distroless';
  if (ref.registry === 'cgr.dev') return 'unknown';
  if (name === 'alpine' || /(^|-)alpine/.test(tag)) return 'alpine';
  if (name === 'busybox') return 'busybox';
  if (/(^|-)(bookworm|bullseye|buster|trixie|jammy|focal|noble|slim)/.test(tag)) return 'debian';
  if (/(^|-)(ubi\d*|nanoserver|windowsservercore|ltsc)/.test(tag) || /windows|nanoserver/.test(name)) return 'unknown';
  if (RHEL_IMAGES.has(name)) return 'rhel';
  const dotnet = ref.registry === 'mcr.microsoft.com' && ref.repository.startsWith('dotnet/');
  const official = ref.registry === 'docker.io' && ref.repository.startsWith('library/');
  if ((official || dotnet) && DEBIAN_IMAGES.has(name)) return 'debian';
  return 'unknown';
}

/** The user an image runs as when no `USER` is given, when it is known not to be root. */
export function defaultNonRootUser(ref: ImageRef): string | undefined {
  const tag = ref.tag ?? '';
  if (imageFamily(ref) === 'distroless' && /(^|-)nonroot$/.test(tag)) return 'nonroot';
  if (ref.repository === 'nginxinc/nginx-unprivileged') return 'nginx';
  if (ref.registry === 'cgr.dev' && ref.repository.startsWith('chainguard/') && !/-dev$/.test(tag)) return 'nonroot';
  return undefined;
}

function dotnetMajor(ref: ImageRef): number | undefined {
  if (ref.registry !== 'mcr.microsoft.com' || !ref.repository.startsWith('dotnet/')) return undefined;
  const match = /^(\d+)\./.exec(ref.tag ?? '');
  return match ? Number(match[1]) : undefined;
}

/** A non-root user the image already has (`node` in the Node images, `app` in .NET 8+). */
export function builtInUser(ref: ImageRef): string | undefined {
  const name = baseName(ref);
  if (name === 'node' && ref.repository === 'library/node') return 'node';
  if (imageFamily(ref) === 'distroless') return 'nonroot:nonroot';
  if ((dotnetMajor(ref) ?? 0) >= 8) return 'app';
  return undefined;
}

/** What an image's configuration holds that the Dockerfile builder uses: `ENV` names and the working directory. */
export interface ImageConfig {
  env: string[];
  workdir: string;
}

/** Minimal OS images whose configuration sets only `PATH` and no working directory, in every tag. */
const PLAIN_OS_IMAGES = new Set(['library/alpine', 'library/busybox', 'library/debian', 'library/ubuntu']);

/** The configuration of a well-known base image, when it is known without pulling it; undefined otherwise. */
export function knownImageConfig(ref: ImageRef): ImageConfig | undefined {
  if (ref.registry === 'docker.io' && PLAIN_OS_IMAGES.has(ref.repository)) return { env: ['PATH'], workdir: '/' };
  return undefined;
}
