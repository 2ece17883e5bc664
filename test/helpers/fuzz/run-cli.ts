/** Runs the bundled command line as a separate process, with a timeout, optionally as `nobody`. */
import { spawn } from 'node:child_process';
import { CLI } from '../cli';

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  timedOut: boolean;
}

export const NOBODY = 65534;

/** Runs the CLI (as `nobody` when asked), killing it after `timeoutMs`. */
export function run(args: string[], cwd: string, options: { asNobody?: boolean; timeoutMs?: number } = {}): Promise<Run> {
  const command = options.asNobody ? 'setpriv' : process.execPath;
  const argv = options.asNobody ? [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', '--', process.execPath, CLI, ...args] : [CLI, ...args];
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, argv, { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 30_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started, timedOut });
    });
  });
}

