/** Writing files so that a crash or a kill leaves either the old or the new content, never a mix. */
import { closeSync, fchmodSync, fchownSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { InputError } from './read-dockerfile';

/** Fails when an existing file has no write permission bits (also for root, who could write anyway). */
export function assertWritable(file: string): void {
  let mode: number;
  try {
    mode = statSync(file).mode;
  } catch {
    return;
  }
  if ((mode & 0o222) === 0) throw new InputError('is read-only; not changed');
}

/** A write failure as an InputError with a plain message; other errors as they are. */
function writeError(error: unknown): unknown {
  switch ((error as NodeJS.ErrnoException)?.code) {
    case 'EACCES':
    case 'EPERM':
      return new InputError('cannot be written: permission denied');
    case 'EROFS':
      return new InputError('cannot be written: the file system is read-only');
    case 'ENOSPC':
    case 'EDQUOT':
      return new InputError('cannot be written: no space left on the device');
    default:
      return error;
  }
}

/**
 * Writes a temporary file beside the target and renames it over the target. A kill at any moment
 * leaves the old content or the new one; after SIGKILL the temporary file (`.<name>.<pid>.<hex>.tmp`,
 * hidden, so globs skip it) may remain. The file keeps its mode (the umask does not apply) and, when
 * root writes it, its owner.
 */
export function writeFileAtomic(file: string, content: string): void {
  let stat: Stats | undefined;
  try {
    stat = statSync(file);
  } catch {
    // a new file
  }
  const mode = stat ? stat.mode & 0o7777 : 0o644;
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number;
  try {
    fd = openSync(tmp, 'wx', mode);
  } catch (error) {
    throw writeError(error);
  }
  try {
    fchmodSync(fd, mode);
    if (stat && process.getuid?.() === 0) {
      try {
        fchownSync(fd, stat.uid, stat.gid);
      } catch {
        // keep root as the owner where changing it is not allowed
      }
    }
    // writeSync may write less than asked: write until every byte is out, or a partial file would replace the old one.
    const bytes = Buffer.from(content, 'utf8');
    for (let offset = 0; offset < bytes.length; ) {
      const written = writeSync(fd, bytes, offset);
      if (written <= 0) throw new Error(`wrote nothing at byte ${offset} of ${bytes.length}`);
      offset += written;
    }
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, file);
  } catch (error) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    try {
      unlinkSync(tmp);
    } catch {
      // nothing to clean up
    }
    throw writeError(error);
  }
}
