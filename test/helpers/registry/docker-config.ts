/** A temporary Docker config folder: `config.json` and fake `docker-credential-<name>` helper scripts. */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface DockerConfigDir {
  dir: string;
  configPath: string;
  /** Folder for helper scripts; put it first on PATH. */
  binDir: string;
  write(config: object): void;
  /** Writes `docker-credential-<name>`: a shell script that logs each call to `<name>.calls` and answers as given. */
  helper(name: string, answer: { username: string; secret: string } | 'not-found' | 'hang' | 'garbage'): string;
  /** Lines the helper received on stdin, one per call. */
  calls(name: string): string[];
  remove(): void;
}

/** Creates the folder; call `remove()` afterwards. */
export function makeDockerConfigDir(): DockerConfigDir {
  const dir = mkdtempSync(join(tmpdir(), 'docker-config-'));
  const binDir = join(dir, 'bin');
  mkdirSync(binDir);
  const configPath = join(dir, 'config.json');
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  return {
    dir,
    configPath,
    binDir,
    write: (config) => writeFileSync(configPath, JSON.stringify(config, null, 2)),
    helper(name, answer) {
      const log = join(dir, `${name}.calls`);
      let body: string;
      if (answer === 'not-found') body = `echo 'credentials not found in native keychain'\nexit 1`;
      else if (answer === 'hang') body = 'sleep 30';
      else if (answer === 'garbage') body = `echo 'this is not json'`;
      else body = `printf '%s' ${quote(JSON.stringify({ ServerURL: '', Username: answer.username, Secret: answer.secret }))}`;
      const script = `#!/bin/sh\n[ "$1" = get ] || exit 2\nread -r server || true\nprintf '%s\\n' "$server" >> ${quote(log)}\n${body}\n`;
      const path = join(binDir, `docker-credential-${name}`);
      writeFileSync(path, script);
      chmodSync(path, 0o755);
      return path;
    },
    calls(name) {
      try {
        return readFileSync(join(dir, `${name}.calls`), 'utf8').split('\n').filter(Boolean);
      } catch {
        return [];
      }
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
