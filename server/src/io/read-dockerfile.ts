/** Reading a Dockerfile from disk with clear errors for what is not one. */
import { readFileSync, statSync } from 'node:fs';

export const MAX_DOCKERFILE_BYTES = 2 * 1024 * 1024;

export class InputError extends Error {}

export interface DockerfileText {
  text: string;
  /** The file started with a UTF-8 byte order mark (removed from `text`, restored on write). */
  bom: boolean;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** Decodes Dockerfile bytes; throws InputError naming the problem. */
export function decodeDockerfile(bytes: Uint8Array): DockerfileText {
  if (bytes.length > MAX_DOCKERFILE_BYTES) {
    throw new InputError(`too large to be a Dockerfile (${megabytes(bytes.length)}; the limit is ${megabytes(MAX_DOCKERFILE_BYTES)})`);
  }
  if (bytes.subarray(0, 8000).includes(0)) throw new InputError('is a binary file, not a Dockerfile');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new InputError('is not valid UTF-8 text');
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  if (bom) text = text.slice(1);
  if (text.trim() === '') throw new InputError('is empty');
  return { text, bom };
}

export function readDockerfile(file: string): DockerfileText {
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new InputError('is a directory; pass a Dockerfile or a glob such as `dir/**/Dockerfile`');
    if (!stat.isFile()) throw new InputError('is not a regular file');
    size = stat.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(describeFsError(error));
  }
  if (size > MAX_DOCKERFILE_BYTES) {
    throw new InputError(`too large to be a Dockerfile (${megabytes(size)}; the limit is ${megabytes(MAX_DOCKERFILE_BYTES)})`);
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new InputError(describeFsError(error));
  }
  return decodeDockerfile(bytes);
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read: permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'is a symbolic link loop';
    default:
      return `cannot be read: ${(error as Error)?.message ?? String(error)}`;
  }
}
