/**
 * dockerfile-ast as published, for comparing our patch (server/patches) against: a copy of the
 * installed package with the patch reversed (`git apply -R`), loaded beside the real one.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

export type DockerfileAst = typeof import('dockerfile-ast');

export interface Unpatched {
  ast: DockerfileAst;
  dispose(): void;
}

export function loadUnpatchedDockerfileAst(): Unpatched {
  const dir = mkdtempSync(path.join(tmpdir(), 'dfo-unpatched-ast-'));
  const modules = path.join(dir, 'node_modules');
  cpSync(path.join(ROOT, 'node_modules', 'dockerfile-ast'), path.join(modules, 'dockerfile-ast'), { recursive: true });
  // Its dependencies are the installed ones.
  for (const dep of ['vscode-languageserver-types', 'vscode-languageserver-textdocument']) {
    symlinkSync(path.join(ROOT, 'node_modules', dep), path.join(modules, dep), 'dir');
  }
  const patches = path.join(ROOT, 'server', 'patches');
  const patch = readdirSync(patches).find((f) => f.startsWith('dockerfile-ast+'));
  if (!patch) throw new Error(`no dockerfile-ast patch in ${patches}`);
  // The patch's paths are a/node_modules/dockerfile-ast/…, relative to this folder.
  execFileSync('git', ['apply', '-R', path.join(patches, patch)], { cwd: dir, stdio: 'pipe' });
  const ast = createRequire(path.join(dir, 'index.js'))('dockerfile-ast') as DockerfileAst;
  return { ast, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
