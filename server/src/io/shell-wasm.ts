/** Loads the tree-sitter wasm files from beside the bundle, or from node_modules when running from source. */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { initShellParser, type ShellWasm } from '../core/shell';

const FILES = {
  runtime: 'web-tree-sitter/web-tree-sitter.wasm',
  bash: 'tree-sitter-bash/tree-sitter-bash.wasm',
} as const;

function locate(spec: string): string {
  const bundled = typeof __dirname === 'string' ? path.join(__dirname, path.basename(spec)) : undefined;
  if (bundled && existsSync(bundled)) return bundled;
  return createRequire(typeof __filename === 'string' ? __filename : path.join(process.cwd(), 'index.js')).resolve(spec);
}

async function loadWasm(): Promise<ShellWasm> {
  const [runtime, bash] = await Promise.all([readFile(locate(FILES.runtime)), readFile(locate(FILES.bash))]);
  return { runtime, bash };
}

/** Makes the shell parser ready; cheap after the first call. */
export function loadShellParser(): Promise<void> {
  return initShellParser(loadWasm);
}
