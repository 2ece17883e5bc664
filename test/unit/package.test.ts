/** The VSIX that `npm run package` builds holds exactly the allow-listed files. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as yauzl from 'yauzl';

const VSIX = 'dockerfile-optimizer.vsix';

function entries(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const names: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names.sort()));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe('VSIX', () => {
  it('was built by `npm run package` (part of `npm test`)', () => expect(existsSync(VSIX)).toBe(true));

  it('holds only the bundles (with their licence notices), wasm, snippets, grammar, README, CHANGELOG and LICENSE', async () => {
    const names = await entries(VSIX);
    expect(names).toEqual(
      [
        '[Content_Types].xml',
        'extension.vsixmanifest',
        'extension/changelog.md',
        'extension/LICENSE.txt',
        'extension/readme.md',
        'extension/client/snippets/dockerfile.json',
        'extension/dist/extension.js',
        'extension/dist/server.js',
        'extension/dist/registry.js',
        'extension/dist/registry.js.LEGAL.txt',
        'extension/dist/tree-sitter-bash.wasm',
        'extension/dist/web-tree-sitter.wasm',
        'extension/package.json',
        'extension/syntaxes/dockerfile-optimizer.injection.tmLanguage.json',
      ].sort(),
    );
  });

  it('is newer than the bundles it packs and stays under 2 MB', () => {
    expect(statSync(VSIX).size).toBeLessThan(2 * 1024 * 1024);
    expect(statSync(VSIX).mtimeMs).toBeGreaterThanOrEqual(statSync('dist/server.js').mtimeMs);
  });

  it('keeps the registry client and its HTTP library out of the server bundle, in registry.js', () => {
    expect(readFileSync('dist/server.js', 'utf8')).not.toContain('undici');
    expect(readFileSync('dist/registry.js', 'utf8')).toContain('undici');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const registry = require(path.resolve('dist/registry.js')) as { createRegistryClient?: unknown };
    expect(typeof registry.createRegistryClient).toBe('function');
  });

  it('declares an engine no newer than VS Code 1.100 and matching @types/vscode', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    const engine = /^\^?1\.(\d+)\./.exec(pkg.engines.vscode);
    expect(Number(engine?.[1])).toBeLessThanOrEqual(100);
    const types = /^\^?1\.(\d+)/.exec(pkg.devDependencies['@types/vscode']);
    expect(Number(types?.[1])).toBeLessThanOrEqual(Number(engine?.[1]));
  });
});
