/**
 * Installs what the end-to-end tests need and is missing, and reuses what is already there:
 * apt packages (chromium, and the headers code-server's native modules build against) and
 * code-server itself, in a cache folder outside the repository. See test/e2e/README.md.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { banner, step } from './log';

/** The last code-server that runs on Node 20 (VS Code 1.100.3); later ones need Node 22 or 24. */
export const CODE_SERVER_VERSION = '4.100.3';
/** Debian's chromium; DFO_E2E_CHROMIUM points elsewhere (the browser must be Chromium-based). */
export const CHROMIUM = process.env.DFO_E2E_CHROMIUM || '/usr/bin/chromium';
/** The `rg` binary from npm: code-server 4.100.x's @vscode/ripgrep@1.15.11 would download it from GitHub. */
const RIPGREP_PACKAGE = '@vscode/ripgrep-linux-x64@1.18.0';
/** Where @vscode/ripgrep@1.15.11's postinstall looks (under TMPDIR) before it tries to download. */
const RIPGREP_SEED = path.join('vscode-ripgrep-cache-1.15.11', 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');

/** `${XDG_CACHE_HOME:-$HOME/.cache}/dockerfile-optimizer/e2e`: shared by test runs and the sandbox. */
export function cacheDir(): string {
  const xdg = process.env.XDG_CACHE_HOME;
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.cache'), 'dockerfile-optimizer', 'e2e');
}

/** The explicit opt-out: DOCKERFILE_OPTIMIZER_SKIP_E2E set to anything but empty, 0 or false. */
export function skipRequested(): boolean {
  const value = process.env.DOCKERFILE_OPTIMIZER_SKIP_E2E;
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/** Provisioning cannot be done on this machine; the message names what is missing. */
export class ProvisionError extends Error {}

export interface Tools {
  codeServer: string;
  chromium: string;
}

interface Need {
  what: string;
  aptPackage: string;
  present(): boolean;
}

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

const CHROMIUM_NEED: Need = { what: `chromium (${CHROMIUM})`, aptPackage: 'chromium', present: () => fs.existsSync(CHROMIUM) };
/** Only needed to build code-server's native modules (kerberos, node-pty, argon2), i.e. on a cold cache. */
const BUILD_NEEDS: Need[] = [
  { what: 'Kerberos headers (gssapi/gssapi.h)', aptPackage: 'libkrb5-dev', present: () => fs.existsSync('/usr/include/gssapi/gssapi.h') },
  { what: 'pkg-config', aptPackage: 'pkg-config', present: () => hasCommand('pkg-config') },
  { what: 'python3', aptPackage: 'python3', present: () => hasCommand('python3') },
  { what: 'make', aptPackage: 'make', present: () => hasCommand('make') },
  { what: 'g++', aptPackage: 'g++', present: () => hasCommand('g++') },
];

function osRelease(): Record<string, string> {
  try {
    const text = fs.readFileSync('/etc/os-release', 'utf8');
    return Object.fromEntries(text.split('\n').filter((l) => l.includes('=')).map((l) => {
      const i = l.indexOf('=');
      return [l.slice(0, i), l.slice(i + 1).replace(/^"|"$/g, '')];
    }));
  } catch {
    return {};
  }
}

/** How to run apt-get as root here, or why it cannot be done. */
function aptRunner(): { prefix: string[] } | { reason: string } {
  const release = osRelease();
  const family = `${release.ID ?? ''} ${release.ID_LIKE ?? ''}`;
  if (process.platform !== 'linux' || !/\b(debian|ubuntu)\b/.test(family)) {
    return { reason: `this is not Debian or Ubuntu (${process.platform}${release.PRETTY_NAME ? `, ${release.PRETTY_NAME}` : ''}), so apt cannot install them` };
  }
  if (!hasCommand('apt-get')) return { reason: 'apt-get is not on PATH' };
  if (process.getuid?.() === 0) return { prefix: [] };
  if (hasCommand('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0) return { prefix: ['sudo', '-n'] };
  return { reason: 'installing them needs root (not root, and no password-less sudo)' };
}

function run(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; logFile?: string } = {}): void {
  const out = options.logFile ? fs.openSync(options.logFile, 'a') : 'inherit';
  const result = spawnSync(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', out, out] });
  if (typeof out === 'number') fs.closeSync(out);
  if (result.status !== 0) {
    const tail = options.logFile ? `\n${fs.readFileSync(options.logFile, 'utf8').split('\n').slice(-40).join('\n')}` : '';
    throw new ProvisionError(`\`${[command, ...args].join(' ')}\` failed (${result.error?.message ?? `exit ${result.status}`})${tail}`);
  }
}

function installAptPackages(needs: Need[]): void {
  const missing = needs.filter((n) => !n.present());
  if (missing.length === 0) return;
  const packages = [...new Set(missing.map((n) => n.aptPackage))];
  const apt = aptRunner();
  if ('reason' in apt) {
    throw new ProvisionError(
      `missing: ${missing.map((n) => n.what).join(', ')}; ${apt.reason}. Install the Debian packages ${packages.join(' ')} ` +
        '(or set DOCKERFILE_OPTIMIZER_SKIP_E2E=1 to skip the end-to-end tests).',
    );
  }
  step(`apt-get install ${packages.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const [sudo, ...sudoArgs] = apt.prefix;
  const aptGet = (args: string[]) => (sudo ? run(sudo, [...sudoArgs, 'apt-get', ...args], { env }) : run('apt-get', args, { env }));
  aptGet(['update', '-qq']);
  aptGet(['install', '-y', '-qq', ...packages]);
  const still = missing.filter((n) => !n.present());
  if (still.length) throw new ProvisionError(`still missing after apt-get install: ${still.map((n) => n.what).join(', ')}`);
}

/** npm's environment for installing code-server: see "Install failures" in shared/design/E2E.md. */
function codeServerInstallEnv(tmpDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmpDir };
  // node-pty's postinstall runs `npx node-gyp …`, which a `yes=false` in ~/.npmrc would refuse.
  env.npm_config_yes = 'true';
  // node-gyp must find Node's headers locally; it would otherwise download them from nodejs.org.
  const prefix = path.dirname(path.dirname(fs.realpathSync(process.execPath)));
  if (!env.npm_config_nodedir && fs.existsSync(path.join(prefix, 'include', 'node', 'node.h'))) env.npm_config_nodedir = prefix;
  return env;
}

function seedRipgrep(cache: string, tmpDir: string, logFile: string): void {
  const seed = path.join(tmpDir, RIPGREP_SEED);
  if (fs.existsSync(seed)) return;
  const work = fs.mkdtempSync(path.join(cache, 'rg-'));
  try {
    run('npm', ['pack', '--silent', RIPGREP_PACKAGE], { cwd: work, logFile });
    const tgz = fs.readdirSync(work).find((f) => f.endsWith('.tgz'));
    if (!tgz) throw new ProvisionError(`npm pack ${RIPGREP_PACKAGE} produced no tarball`);
    run('tar', ['xzf', tgz], { cwd: work, logFile });
    fs.mkdirSync(path.dirname(seed), { recursive: true });
    run('tar', ['czf', `${seed}.partial`, '-C', path.join(work, 'package', 'bin'), 'rg'], { logFile });
    fs.renameSync(`${seed}.partial`, seed);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    return process.kill(pid, 0);
  } catch {
    return false;
  }
}

/** Scratch folders of installs whose process is gone (interrupted, or failed without cleaning up). */
function removeAbandonedInstalls(cache: string): void {
  for (const name of fs.readdirSync(cache)) {
    const pid = Number(/\.partial-(\d+)$/.exec(name)?.[1]);
    if (pid && (pid === process.pid || !alive(pid))) fs.rmSync(path.join(cache, name), { recursive: true, force: true });
  }
}

/** code-server in the cache: installed into a scratch folder, then renamed into place when complete. */
function installCodeServer(cache: string): string {
  const dir = path.join(cache, `code-server-${CODE_SERVER_VERSION}`);
  const bin = path.join(dir, 'node_modules', '.bin', 'code-server');
  if (fs.existsSync(path.join(dir, '.complete')) && fs.existsSync(bin)) return bin;

  installAptPackages(BUILD_NEEDS);
  step(`npm install code-server@${CODE_SERVER_VERSION} into ${dir} (builds native modules; about 1-2 minutes)`);
  const tmpDir = path.join(cache, 'tmp');
  const logFile = path.join(cache, 'code-server-install.log');
  fs.mkdirSync(tmpDir, { recursive: true });
  fs.writeFileSync(logFile, '');
  const env = codeServerInstallEnv(tmpDir);
  seedRipgrep(cache, tmpDir, logFile);
  const scratch = `${dir}.partial-${process.pid}`;
  removeAbandonedInstalls(cache);
  fs.mkdirSync(scratch, { recursive: true });
  try {
    fs.writeFileSync(path.join(scratch, 'package.json'), JSON.stringify({ name: 'dockerfile-optimizer-e2e-code-server', private: true }, null, 2));
    // --unsafe-perm: npm 11 calls it unknown but still passes npm_config_unsafe_perm=true to the install
    // scripts, which code-server 4.100.x's postinstall insists on when it runs as root.
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--unsafe-perm', `code-server@${CODE_SERVER_VERSION}`], { cwd: scratch, env, logFile });
    fs.writeFileSync(path.join(scratch, '.complete'), `${new Date().toISOString()}\n`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(scratch, dir);
  } catch (error) {
    fs.rmSync(scratch, { recursive: true, force: true });
    throw error;
  }
  return bin;
}

export function provision(): Tools {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new ProvisionError(`the end-to-end tests need Linux x64 (code-server's native modules, the npm ripgrep binary); this is ${process.platform}-${process.arch}`);
  }
  const cache = cacheDir();
  fs.mkdirSync(cache, { recursive: true });
  installAptPackages([CHROMIUM_NEED]);
  return { codeServer: installCodeServer(cache), chromium: CHROMIUM };
}

/**
 * provision(), or undefined after a banner that says why `what` cannot run on this machine (the
 * other errors are thrown).
 */
export function provisionOrExplain(what: string): Tools | undefined {
  step('provision (apt packages, code-server in the cache)');
  try {
    return provision();
  } catch (error) {
    if (!(error instanceof ProvisionError)) throw error;
    banner([`${what} CANNOT RUN ON THIS MACHINE`, ...error.message.split('\n')]);
    return undefined;
  }
}
