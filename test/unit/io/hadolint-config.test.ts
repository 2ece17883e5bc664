import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findHadolintConfig, loadHadolintConfig } from '../../../server/src/io/hadolint-config';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'dfo-hadolint-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
  return root;
}

/** No user-wide file: a home and XDG folder that are empty. */
function isolated(root: string) {
  return { home: path.join(root, 'home'), env: { XDG_CONFIG_HOME: path.join(root, 'xdg') } };
}

describe('findHadolintConfig', () => {
  it('finds the nearest file from the Dockerfile folder upwards, .yaml before .yml', () => {
    const root = tree({ 'repo/.git/HEAD': '', 'repo/.hadolint.yml': '', 'repo/svc/.hadolint.yaml': '', 'repo/svc/.hadolint.yml': '', 'repo/svc/api/Dockerfile': '' });
    expect(findHadolintConfig(path.join(root, 'repo/svc/api'), isolated(root))).toBe(path.join(root, 'repo/svc/.hadolint.yaml'));
    expect(findHadolintConfig(path.join(root, 'repo'), isolated(root))).toBe(path.join(root, 'repo/.hadolint.yml'));
  });

  it('stops at the repository root (a folder with .git) and at stopAt', () => {
    const root = tree({ '.hadolint.yaml': '', 'repo/.git': 'gitdir: elsewhere', 'repo/app/Dockerfile': '', 'ws/app/Dockerfile': '' });
    expect(findHadolintConfig(path.join(root, 'repo/app'), isolated(root))).toBeUndefined();
    expect(findHadolintConfig(path.join(root, 'ws/app'), { ...isolated(root), stopAt: path.join(root, 'ws') })).toBeUndefined();
    expect(findHadolintConfig(path.join(root, 'ws/app'), isolated(root))).toBe(path.join(root, '.hadolint.yaml'));
  });

  it('falls back to the user-wide file: $XDG_CONFIG_HOME, then ~/.config, ~/.hadolint/, ~/.hadolint.yaml', () => {
    const root = tree({ 'repo/.git/HEAD': '', 'xdg/hadolint.yaml': '', 'home/.config/hadolint.yml': '', 'home/.hadolint/config.yaml': '', 'home/.hadolint.yaml': '' });
    const dir = path.join(root, 'repo');
    expect(findHadolintConfig(dir, isolated(root))).toBe(path.join(root, 'xdg/hadolint.yaml'));
    expect(findHadolintConfig(dir, { home: path.join(root, 'home'), env: {} })).toBe(path.join(root, 'home/.config/hadolint.yml'));
    const bare = tree({ 'repo/.git/HEAD': '', 'home/.hadolint/config.yaml': '', 'home/.hadolint.yaml': '' });
    expect(findHadolintConfig(path.join(bare, 'repo'), { home: path.join(bare, 'home'), env: {} })).toBe(path.join(bare, 'home/.hadolint/config.yaml'));
  });
});

describe('loadHadolintConfig', () => {
  it('reads and parses the file, with its problems', () => {
    const root = tree({ '.git/HEAD': '', '.hadolint.yaml': 'ignored: [DL3006]\nbogus: true\n' });
    const loaded = loadHadolintConfig(root, isolated(root));
    expect(loaded?.path).toBe(path.join(root, '.hadolint.yaml'));
    expect(loaded?.config.ignored).toEqual(['DL3006']);
    expect(loaded?.errors).toEqual(['unknown setting `bogus`']);
    expect(loadHadolintConfig(tree({ '.git/HEAD': '' }), isolated(root))).toBeUndefined();
  });
});
