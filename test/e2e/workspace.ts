/** Repository paths and the scratch workspaces the suites open (copies, so the repository is never edited). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REGISTRY_PLACEHOLDER } from './registry-env';

/** The repository root: the nearest folder above this script whose package.json is the extension's. */
export const repoRoot = (() => {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'dockerfile-optimizer') return dir;
  }
  throw new Error(`no dockerfile-optimizer package.json above ${__dirname}`);
})();

export const fixturesDir = path.join(repoRoot, 'test', 'e2e', 'fixtures');
export const outDir = path.join(repoRoot, 'test', 'e2e', 'out');
export const suitePath = path.join(repoRoot, 'dist', 'e2e', 'suite', 'index.js');
export const vsixPath = path.join(repoRoot, 'dockerfile-optimizer.vsix');

export interface Manifest {
  name: string;
  publisher: string;
  version: string;
}

export function manifest(): Manifest {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;
}

export function extensionId(): string {
  const m = manifest();
  return `${m.publisher}.${m.name}`;
}

/**
 * The in-host suite's workspace: the fixture files plus a copy of examples/node-article and, with a
 * loopback registry (`127.0.0.1:PORT`, a new port each run), `pin/` from fixtures/pin naming its images.
 */
export function prepareInhostWorkspace(target: string, registryHost?: string): string {
  fs.rmSync(target, { recursive: true, force: true });
  fs.cpSync(path.join(fixturesDir, 'workspace'), target, { recursive: true });
  fs.cpSync(path.join(repoRoot, 'examples', 'node-article'), path.join(target, 'node-article'), { recursive: true });
  if (registryHost) {
    const pin = path.join(target, 'pin');
    fs.mkdirSync(pin);
    for (const file of fs.readdirSync(path.join(fixturesDir, 'pin'))) {
      const template = fs.readFileSync(path.join(fixturesDir, 'pin', file), 'utf8');
      fs.writeFileSync(path.join(pin, file), template.replaceAll(REGISTRY_PLACEHOLDER, registryHost));
    }
  }
  return target;
}

/** The UI suite's workspace (its own folder: unsaved edits are kept per workspace), with a copy of examples/node-article too. */
export function prepareUiWorkspace(target: string): string {
  fs.rmSync(target, { recursive: true, force: true });
  fs.cpSync(path.join(fixturesDir, 'ui-workspace'), target, { recursive: true });
  fs.cpSync(path.join(repoRoot, 'examples', 'node-article'), path.join(target, 'node-article'), { recursive: true });
  return target;
}
