/** Writing files so that a crash or a kill leaves either the old or the new content, never a mix. */
import { closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
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

export function writeFileAtomic(file: string, content: string): void {
  let mode = 0o644;
  try {
    mode = statSync(file).mode & 0o7777;
  } catch {
    // a new file
  }
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', mode);
  try {
    writeSync(fd, content);
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
    throw error;
  }
}
