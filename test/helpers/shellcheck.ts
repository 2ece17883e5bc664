/** ShellCheck for the tests that need it: installed with apt-get when missing (as root), else a reason to skip. */
import { spawnSync } from 'node:child_process';
import { findShellcheck } from '../../server/src/io/shellcheck';

let status: { ok: true; program: string } | { ok: false; reason: string } | undefined;

export function ensureShellcheck(): { ok: true; program: string } | { ok: false; reason: string } {
  if (status) return status;
  let program = findShellcheck();
  if (!program && process.platform === 'linux' && process.getuid?.() === 0 && findShellcheck(`${process.env.PATH}:/usr/bin`) === undefined) {
    const apt = spawnSync('flock', ['/tmp/dockerfile-optimizer-apt.lock', 'apt-get', '-o', 'DPkg::Lock::Timeout=180', 'install', '-y', '-q', '--no-install-recommends', 'shellcheck'], {
      encoding: 'utf8',
      timeout: 300_000,
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (apt.status !== 0) spawnSync('apt-get', ['update', '-q'], { timeout: 300_000 });
    spawnSync('flock', ['/tmp/dockerfile-optimizer-apt.lock', 'apt-get', '-o', 'DPkg::Lock::Timeout=180', 'install', '-y', '-q', '--no-install-recommends', 'shellcheck'], {
      timeout: 300_000,
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    program = findShellcheck();
  }
  status = program ? { ok: true, program } : { ok: false, reason: 'shellcheck is not installed and cannot be installed here (needs root and apt-get)' };
  return status;
}
