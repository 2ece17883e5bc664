/**
 * Running ShellCheck, when it is installed, on `RUN` scripts: never through a shell, with a timeout,
 * answers cached by script so that an edit re-checks only the script that changed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { SHELLCHECK_EXCLUDED, type ShellcheckComment } from '../core/shellcheck-map';

const TIMEOUT_MS = 5000;
const CACHE_SIZE = 2000;

/** The `shellcheck` program on PATH, or undefined. */
export function findShellcheck(path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const full = join(dir, 'shellcheck');
    try {
      accessSync(full, constants.X_OK);
      return full;
    } catch {
      // keep looking
    }
  }
  return undefined;
}

export class ShellcheckRunner {
  private readonly cache = new Map<string, ShellcheckComment[]>();

  constructor(private readonly program: string) {}

  /** Comments already known for a script, or undefined when it has not been checked yet. */
  known(shell: string, script: string): ShellcheckComment[] | undefined {
    return this.cache.get(`${shell}\0${script}`);
  }

  /** Checks one script (or answers from the cache); rejects with a readable error when ShellCheck fails. */
  async check(shell: string, script: string): Promise<ShellcheckComment[]> {
    const key = `${shell}\0${script}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const comments = await this.run(shell, script);
    this.cache.set(key, comments);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return comments;
  }

  private run(shell: string, script: string): Promise<ShellcheckComment[]> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.program, ['--format=json1', `--shell=${shell}`, `--exclude=${SHELLCHECK_EXCLUDED.join(',')}`, '-'], {
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`ShellCheck did not answer within ${TIMEOUT_MS / 1000} s`));
      }, TIMEOUT_MS);
      child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
      child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`ShellCheck could not be started: ${error.message}`));
      });
      child.on('close', () => {
        clearTimeout(timer);
        try {
          resolve((JSON.parse(out) as { comments: ShellcheckComment[] }).comments ?? []);
        } catch {
          reject(new Error(`ShellCheck gave no readable answer${err ? `: ${err.trim().split('\n')[0]}` : ''}`));
        }
      });
      child.stdin.on('error', () => undefined);
      child.stdin.end(script);
    });
  }
}

/** One check, waiting for the answer: for batch tools such as the conformance run, not for the editor. */
export function shellcheckSync(program: string, shell: string, script: string): ShellcheckComment[] {
  const result = spawnSync(program, ['--format=json1', `--shell=${shell}`, `--exclude=${SHELLCHECK_EXCLUDED.join(',')}`, '-'], {
    input: script,
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
  });
  if (result.error) throw new Error(`ShellCheck could not be run: ${result.error.message}`);
  return (JSON.parse(result.stdout) as { comments: ShellcheckComment[] }).comments ?? [];
}
