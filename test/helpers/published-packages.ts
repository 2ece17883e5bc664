/**
 * dockerfile-ast and dockerfile-utils as published, for comparing our patches (server/patches)
 * against: copies of the installed packages with the patches reversed (`git apply -R`), loaded beside
 * the real ones. The published dockerfile-utils runs on the published dockerfile-ast.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const PATCHED = ['dockerfile-ast', 'dockerfile-utils'] as const;

export type DockerfileAst = typeof import('dockerfile-ast');
export type DockerfileUtils = typeof import('dockerfile-utils');

export interface Published {
  ast: DockerfileAst;
  utils: DockerfileUtils;
  dispose(): void;
}

export function loadPublished(): Published {
  const dir = mkdtempSync(path.join(tmpdir(), 'dfo-unpatched-ast-'));
  const modules = path.join(dir, 'node_modules');
  const patches = path.join(ROOT, 'server', 'patches');
  for (const name of PATCHED) {
    cpSync(path.join(ROOT, 'node_modules', name), path.join(modules, name), { recursive: true });
    const patch = readdirSync(patches).find((f) => f.startsWith(`${name}+`));
    if (!patch) throw new Error(`no ${name} patch in ${patches}`);
    // The patch's paths are a/node_modules/<name>/…, relative to this folder.
    execFileSync('git', ['apply', '-R', path.join(patches, patch)], { cwd: dir, stdio: 'pipe' });
  }
  // Their other dependencies are the installed ones.
  for (const dep of ['vscode-languageserver-types', 'vscode-languageserver-textdocument']) {
    symlinkSync(path.join(ROOT, 'node_modules', dep), path.join(modules, dep), 'dir');
  }
  const load = createRequire(path.join(dir, 'index.js'));
  return {
    ast: load('dockerfile-ast') as DockerfileAst,
    utils: load('dockerfile-utils') as DockerfileUtils,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The published packages for the tests of the enclosing `describe`: loaded before them, removed after. */
export function usePublished(): () => Published {
  let published: Published | undefined;
  beforeAll(() => {
    published = loadPublished();
  });
  afterAll(() => published?.dispose());
  return () => {
    if (!published) throw new Error('the published packages are loaded in beforeAll');
    return published;
  };
}
