/**
 * The peer linters, installed exactly as published into their own folder outside the repository,
 * so no patch of ours (such as the dockerfile-ast one) touches them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import * as path from 'node:path';

export const PEER_VERSIONS = { 'dockerfile-utils': '0.16.3', dockerfilelint: '1.8.0' } as const;

export function peersDir(): string {
  const cache = process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache');
  return path.join(cache, 'dockerfile-optimizer', `bench-peers-${PEER_VERSIONS['dockerfile-utils']}-${PEER_VERSIONS.dockerfilelint}`);
}

export interface Peer {
  name: string;
  version: string;
  lint(text: string): void;
}

export function loadPeers(): Peer[] {
  const dir = peersDir();
  if (!existsSync(path.join(dir, 'node_modules', 'dockerfilelint'))) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bench-peers', private: true }));
    const specs = Object.entries(PEER_VERSIONS).map(([name, version]) => `${name}@${version}`);
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', ...specs], { cwd: dir, stdio: 'inherit' });
  }
  const require = createRequire(path.join(dir, 'index.js'));
  const utils = require('dockerfile-utils') as { validate(text: string): unknown[] };
  const dockerfilelint = require('dockerfilelint') as { run(configDir: string, text: string): unknown[] };
  const configDir = mkdtempSync(path.join(tmpdir(), 'dockerfilelint-'));
  return [
    { name: 'dockerfile-utils validate', version: PEER_VERSIONS['dockerfile-utils'], lint: (t) => void utils.validate(t) },
    { name: 'dockerfilelint', version: PEER_VERSIONS.dockerfilelint, lint: (t) => void dockerfilelint.run(configDir, t) },
  ];
}
