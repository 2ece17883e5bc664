/** Finding and reading hadolint's configuration file for a Dockerfile. */
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { parseHadolintConfig, type HadolintConfig } from '../core/hadolint-config';

export interface LoadedHadolintConfig {
  /** The file the configuration was read from. */
  path: string;
  config: HadolintConfig;
  /** Problems with the file (the rest of it still applies). */
  errors: string[];
}

export interface LookupOptions {
  /** The last folder to look in going up (a workspace folder); the search also stops at a folder with `.git`. */
  stopAt?: string;
  /** Environment for `XDG_CONFIG_HOME` (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** Home folder (default `os.homedir()`). */
  home?: string;
}

const LOCAL_NAMES = ['.hadolint.yaml', '.hadolint.yml'];

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * The hadolint configuration file that applies to Dockerfiles in `dir`: the nearest `.hadolint.yaml`
 * or `.hadolint.yml` in `dir` or a folder above it, up to the repository root (the first folder with
 * `.git`), `stopAt` or the filesystem root; otherwise hadolint's user-wide file, in hadolint's order:
 * `$XDG_CONFIG_HOME/hadolint.yaml` (`~/.config` by default), `~/.hadolint/hadolint.yaml` or
 * `config.yaml`, `~/.hadolint.yaml` (each also as `.yml`).
 */
export function findHadolintConfig(dir: string, options: LookupOptions = {}): string | undefined {
  const stopAt = options.stopAt ? path.resolve(options.stopAt) : undefined;
  for (let current = path.resolve(dir); ; ) {
    for (const name of LOCAL_NAMES) {
      const file = path.join(current, name);
      if (isFile(file)) return file;
    }
    const parent = path.dirname(current);
    if (current === stopAt || parent === current || exists(path.join(current, '.git'))) break;
    current = parent;
  }
  const env = options.env ?? process.env;
  const home = options.home ?? homedir();
  const xdg = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home, '.config');
  const global = [
    path.join(xdg, 'hadolint.yaml'),
    path.join(xdg, 'hadolint.yml'),
    ...['hadolint.yaml', 'hadolint.yml', 'config.yaml', 'config.yml'].map((n) => path.join(home, '.hadolint', n)),
    ...LOCAL_NAMES.map((n) => path.join(home, n)),
  ];
  return global.find(isFile);
}

/** Reads the hadolint configuration for Dockerfiles in `dir`, or undefined when there is none. */
export function loadHadolintConfig(dir: string, options: LookupOptions = {}): LoadedHadolintConfig | undefined {
  const file = findHadolintConfig(dir, options);
  if (!file) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { path: file, config: parseHadolintConfig('').config, errors: [`cannot be read: ${(error as Error).message}`] };
  }
  return { path: file, ...parseHadolintConfig(text) };
}
