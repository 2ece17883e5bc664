/**
 * Makes sure the programs the registry tests need are present: Debian's `docker-registry`
 * (distribution 2.8), `htpasswd` (apache2-utils) and `openssl`, installing them with apt-get
 * when missing. Parallel test files serialise on a lock file.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export type ToolsStatus = { ok: true } | { ok: false; reason: string };

const NEEDED: Array<[program: string, pkg: string]> = [
  ['docker-registry', 'docker-registry'],
  ['htpasswd', 'apache2-utils'],
  ['openssl', 'openssl'],
];
const LOCK = '/tmp/dockerfile-optimizer-registry-apt.lock';

/** Full path of `program` on PATH, or undefined. */
export function which(program: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const full = join(dir, program);
    try {
      accessSync(full, constants.X_OK);
      return full;
    } catch {
      /* keep looking */
    }
  }
  return undefined;
}

function missingPackages(): string[] {
  return NEEDED.filter(([program]) => !which(program)).map(([, pkg]) => pkg);
}

function apt(args: string[]) {
  const command = which('flock') ? ['flock', LOCK, 'apt-get', ...args] : ['apt-get', ...args];
  return spawnSync(command[0], command.slice(1), {
    encoding: 'utf8',
    timeout: 300_000,
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

let status: ToolsStatus | undefined;

/** Installs what is missing (as root) and says whether the registry tests can run, and if not, why. */
export function ensureRegistryTools(): ToolsStatus {
  if (status) return status;
  let missing = missingPackages();
  if (missing.length === 0) return (status = { ok: true });
  if (process.platform !== 'linux' || !which('apt-get')) {
    return (status = { ok: false, reason: `${missing.join(', ')} not installed and apt-get is not available to install them` });
  }
  if (process.getuid?.() !== 0) {
    return (status = { ok: false, reason: `${missing.join(', ')} not installed, and installing them with apt-get needs root` });
  }
  const install = () => apt(['-o', 'DPkg::Lock::Timeout=180', 'install', '-y', '-q', '--no-install-recommends', ...missing]);
  let result = install();
  if (result.status !== 0 && /Unable to locate package|no installation candidate/i.test(`${result.stdout}${result.stderr}`)) {
    apt(['-o', 'DPkg::Lock::Timeout=180', 'update', '-q']);
    result = install();
  }
  missing = missingPackages();
  if (missing.length > 0) {
    const output = `${result.stderr ?? ''}${result.error?.message ?? ''}`.trim().split('\n').slice(-3).join(' ');
    return (status = { ok: false, reason: `apt-get could not install ${missing.join(', ')}: ${output || `exit code ${result.status}`}` });
  }
  return (status = { ok: true });
}
