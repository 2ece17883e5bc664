/** The build context on disk: the Dockerfile's folder, read synchronously and only when a rule asks. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { ContextFiles } from '../core/types';

const MAX_CONTEXT_FILE = 1024 * 1024;

/**
 * The build context on disk. Each answer is read once and remembered for the object's lifetime,
 * so one analysis (or a few, in the editor) does not read the same file or folder twice.
 */
export function diskContext(dir: string): ContextFiles {
  const resolve = (rel: string) => {
    const full = path.resolve(dir, rel);
    return full === dir || full.startsWith(dir + path.sep) ? full : undefined;
  };
  const reads = new Map<string, string | undefined>();
  const exists = new Map<string, boolean>();
  const lists = new Map<string, string[] | undefined>();
  const remember = <T>(cache: Map<string, T>, key: string, compute: () => T): T => {
    if (!cache.has(key)) cache.set(key, compute());
    return cache.get(key) as T;
  };
  return {
    read: (rel) =>
      remember(reads, rel, () => {
        const full = resolve(rel);
        if (!full) return undefined;
        try {
          if (statSync(full).size > MAX_CONTEXT_FILE) return undefined;
          return readFileSync(full, 'utf8');
        } catch {
          return undefined;
        }
      }),
    exists: (rel) =>
      remember(exists, rel, () => {
        const full = resolve(rel);
        try {
          return full !== undefined && statSync(full).isFile();
        } catch {
          return false;
        }
      }),
    list: (rel) =>
      remember(lists, rel, () => {
        const full = resolve(rel || '.');
        try {
          return full === undefined ? undefined : readdirSync(full);
        } catch {
          return undefined;
        }
      }),
  };
}

/** A build context held in memory, for tests and for the editor's unsaved buffers. */
export function memoryContext(files: Record<string, string>): ContextFiles {
  const map = new Map(Object.entries(files));
  return {
    read: (rel) => map.get(rel),
    exists: (rel) => map.has(rel),
    list: (rel) => {
      const prefix = rel ? `${rel.replace(/\/$/, '')}/` : '';
      const names = new Set<string>();
      for (const key of map.keys()) if (key.startsWith(prefix)) names.add(key.slice(prefix.length).split('/')[0]);
      return [...names];
    },
  };
}
