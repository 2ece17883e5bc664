/** The build context on disk: the Dockerfile's folder, read synchronously and only when a rule asks. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { ContextFiles } from '../core/types';

const MAX_CONTEXT_FILE = 1024 * 1024;

export function diskContext(dir: string): ContextFiles {
  const resolve = (rel: string) => {
    const full = path.resolve(dir, rel);
    return full === dir || full.startsWith(dir + path.sep) ? full : undefined;
  };
  return {
    read(rel) {
      const full = resolve(rel);
      if (!full) return undefined;
      try {
        if (statSync(full).size > MAX_CONTEXT_FILE) return undefined;
        return readFileSync(full, 'utf8');
      } catch {
        return undefined;
      }
    },
    exists(rel) {
      const full = resolve(rel);
      try {
        return full !== undefined && statSync(full).isFile();
      } catch {
        return false;
      }
    },
    list(rel) {
      const full = resolve(rel || '.');
      try {
        return full === undefined ? undefined : readdirSync(full);
      } catch {
        return undefined;
      }
    },
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
