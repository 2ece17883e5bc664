/**
 * The command line under bad input: binary files, NUL bytes, invalid UTF-8, a 50 MB file, 100,000
 * continuation lines, a FIFO, unreadable files and folders, symbolic link loops in globs, read-only
 * files under --fix. Each run has a timeout: a clear error (exit 2) or findings, never a hang and
 * never an internal error. Runs the bundled `dist/cli.js` (`npm run build:cli`).
 *
 * The tests run as root here, and root reads and writes whatever it likes, so permission cases run
 * the command as `nobody` through `setpriv` (skipped, with the reason, where that is not possible).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, closeSync, existsSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, project, tempDir } from '../../helpers/cli';
import { NOBODY, run, type Run } from '../../helpers/fuzz/run-cli';

/** A clean exit: findings (0 or 1) or a reported error (2), no crash, no hang. */
function expectHandled(r: Run, label: string): void {
  expect(r.timedOut, `${label}: timed out after ${r.ms} ms`).toBe(false);
  expect(r.signal, label).toBeNull();
  expect([0, 1, 2], `${label}: exit ${r.code}\n${r.stderr}`).toContain(r.code);
  expect(r.stderr, label).not.toMatch(/internal error|Error:|\n\s+at /);
}

const APK = 'FROM alpine:3.20\nRUN apk add curl\nUSER nobody\nCMD ["curl"]\n';

/** Whether this process can run a child as `nobody` (root with setpriv). */
function nobodyUnavailable(): string | undefined {
  if (process.platform !== 'linux') return 'not Linux';
  if (process.getuid?.() !== 0) return 'not running as root, so a file without permissions is unreadable anyway (tested as is)';
  const probe = spawnSync('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', '--', process.execPath, '-e', 'process.exit(process.getuid() === 65534 ? 0 : 1)']);
  return probe.status === 0 ? undefined : `setpriv cannot switch to nobody: ${probe.error?.message ?? probe.stderr.toString()}`;
}

describe('command line under bad input', () => {
  it('is built', () => expect(existsSync(CLI), 'run `npm run build:cli` first').toBe(true));

  it('binary files, NUL bytes, invalid UTF-8 and control characters: a clear error or findings', async () => {
    const random = Buffer.alloc(64 * 1024);
    for (let i = 0; i < random.length; i++) random[i] = (i * 2654435761) >>> 24;
    const dir = project({
      'random.bin': random,
      'nul-early': Buffer.concat([Buffer.from('FROM alpine\n'), Buffer.from([0]), Buffer.from('RUN x\n')]),
      // A NUL after the first 8000 bytes is not caught as binary: the text is linted with it.
      'nul-late': `FROM alpine:3.20\n${'# padding\n'.repeat(900)}RUN echo a\u0000b\nRUN apk add curl\n`,
      'invalid-utf8': Buffer.concat([Buffer.from('FROM alpine\nRUN echo '), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xf0, 0x28, 0x8c, 0xbc]), Buffer.from('\n')]),
      'lone-surrogate': Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x20, 0xed, 0xa0, 0x80, 0x0a]),
      'utf16': Buffer.from('\ufeffFROM alpine\n', 'utf16le'),
      'controls': `FROM alpine:3.20\nRUN echo \u0007\u001b[31m\u0008\u000b\u000c\u007f\u0085\u2028\u2029\nLABEL a=\u00a0\n`,
      'only-bom': '\ufeff',
      'cr-only': 'FROM alpine:3.20\rRUN apk add curl\rCMD curl x\r',
    });
    const cases: Array<[string, RegExp | number]> = [
      ['random.bin', /random\.bin: is a binary file, not a Dockerfile/],
      ['nul-early', /nul-early: is a binary file/],
      ['nul-late', 1],
      ['invalid-utf8', /invalid-utf8: is not valid UTF-8 text/],
      ['lone-surrogate', /lone-surrogate: is not valid UTF-8 text/],
      ['utf16', /utf16: is a binary file/],
      ['controls', 1],
      ['only-bom', /only-bom: is empty/],
      ['cr-only', 1],
    ];
    for (const [file, expected] of cases) {
      const r = await run(['--format', 'json', file], dir);
      expectHandled(r, file);
      if (typeof expected === 'number') {
        expect(r.code, `${file}: ${r.stderr}`).toBe(expected);
        expect(JSON.parse(r.stdout).length, file).toBeGreaterThan(0);
      } else {
        expect(r.code, file).toBe(2);
        expect(r.stderr, file).toMatch(expected);
      }
    }
  }, 120_000);

  it('--fix on a file with NUL bytes and CR line endings writes a file that lints without errors', async () => {
    const dir = project({ 'nul-late': `FROM alpine:3.20\n${'# padding\n'.repeat(900)}RUN echo a\u0000b\nRUN apk add curl\n`, 'cr-only': 'FROM alpine:3.20\rRUN apk add curl\rCMD curl x\r' });
    const r = await run(['--fix', 'nul-late', 'cr-only'], dir);
    expectHandled(r, '--fix');
    expect(readFileSync(path.join(dir, 'cr-only'), 'utf8')).toBe('FROM alpine:3.20\rRUN apk add --no-cache curl\rCMD ["curl", "x"]\r');
    expect(readFileSync(path.join(dir, 'nul-late'), 'utf8')).toContain('RUN echo a\u0000b && \\\n    apk add --no-cache curl\n');
  }, 60_000);

  it('a 50 MB file is refused at once, without being read', async () => {
    const dir = tempDir();
    const fd = openSync(path.join(dir, 'Dockerfile'), 'w');
    ftruncateSync(fd, 50 * 1024 * 1024);
    closeSync(fd);
    const r = await run([], dir, { timeoutMs: 20_000 });
    expectHandled(r, '50 MB');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('dockerfile-optimizer: Dockerfile: too large to be a Dockerfile (52.4 MB; the limit is 2.1 MB)\n');
  }, 30_000);

  it('100,000 continuation lines: findings; 10,000: --fix completes', async () => {
    const lines = (n: number) => `FROM debian:12\nRUN apt-get install \\\n${'    pkg \\\n'.repeat(n)}    last\n`;
    const dir = project({ Dockerfile: lines(100_000), 'small/Dockerfile': lines(10_000) });
    const r = await run(['--format', 'json'], dir, { timeoutMs: 60_000 });
    expectHandled(r, 'continuations');
    expect(JSON.parse(r.stdout).map((f: { ruleId: string }) => f.ruleId)).toContain('apt-assume-yes');
    const fixed = await run(['--fix', 'small/Dockerfile'], dir, { timeoutMs: 60_000 });
    expectHandled(fixed, 'continuations --fix');
    expect(readFileSync(path.join(dir, 'small/Dockerfile'), 'utf8')).toContain('RUN apt-get install --no-install-recommends -y \\\n    pkg \\\n');
  }, 120_000);

  it('a FIFO, a device and a directory are refused without being opened', async () => {
    const dir = tempDir();
    const fifo = spawnSync('mkfifo', [path.join(dir, 'Dockerfile')]);
    if (fifo.status !== 0) return void console.log(`FIFO case skipped: mkfifo failed: ${fifo.stderr}`);
    mkdirSync(path.join(dir, 'folder'));
    const r = await run(['Dockerfile', '/dev/zero', 'folder'], dir, { timeoutMs: 20_000 });
    expectHandled(r, 'fifo');
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      'dockerfile-optimizer: Dockerfile: is not a regular file',
      'dockerfile-optimizer: /dev/zero: is not a regular file',
      'dockerfile-optimizer: folder: is a directory; pass a Dockerfile or a glob such as `dir/**/Dockerfile`',
    ]);
  }, 30_000);

  it('symbolic link loops: globs finish and skip them, a looping path is a clear error', async () => {
    const dir = project({ 'a/Dockerfile': APK, 'b/c/Dockerfile': APK });
    symlinkSync('.', path.join(dir, 'a', 'self'));
    symlinkSync('..', path.join(dir, 'b', 'c', 'up'));
    symlinkSync('loop2', path.join(dir, 'loop1'));
    symlinkSync('loop1', path.join(dir, 'loop2'));
    symlinkSync('Dockerfile.self', path.join(dir, 'Dockerfile.self'));
    const glob = await run(['--format', 'json', '**/Dockerfile*'], dir, { timeoutMs: 20_000 });
    expectHandled(glob, 'glob');
    expect(new Set(JSON.parse(glob.stdout).map((f: { file: string }) => f.file))).toEqual(new Set(['a/Dockerfile', 'b/c/Dockerfile']));
    const loop = await run(['Dockerfile.self', 'loop1/Dockerfile'], dir, { timeoutMs: 20_000 });
    expectHandled(loop, 'loop');
    expect(loop.code).toBe(2);
    expect(loop.stderr.trim().split('\n')).toEqual(['dockerfile-optimizer: Dockerfile.self: is a symbolic link loop', 'dockerfile-optimizer: loop1/Dockerfile: is a symbolic link loop']);
  }, 30_000);

  it('a read-only file under --fix is refused and left untouched', async () => {
    const dir = project({ Dockerfile: APK, 'other/Dockerfile': APK });
    chmodSync(path.join(dir, 'Dockerfile'), 0o444);
    const r = await run(['--fix', 'Dockerfile', 'other/Dockerfile'], dir);
    expectHandled(r, 'read-only');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('dockerfile-optimizer: Dockerfile: is read-only; not changed\n');
    expect(readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toBe(APK);
    expect(readFileSync(path.join(dir, 'other/Dockerfile'), 'utf8'), 'the other file is still fixed').toContain('apk add --no-cache curl');
    expect(readdirSync(dir).sort()).toEqual(['Dockerfile', 'other']);
  }, 30_000);

  it('a read-only .dockerignore that a fix would change: the error names it, and nothing is written', async () => {
    const dockerfile = 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "index.js"]\n';
    const dir = project({ Dockerfile: dockerfile, 'package.json': '{}', '.dockerignore': '.git\n' });
    chmodSync(path.join(dir, '.dockerignore'), 0o444);
    // Only that rule: --unsafe-fixes also pins digests, which would look them up on the network.
    const r = await run(['--fix', '--unsafe-fixes', '--rule', 'context-dockerignore'], dir);
    expectHandled(r, 'read-only .dockerignore');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('dockerfile-optimizer: Dockerfile: `.dockerignore` is read-only; not changed\n');
    expect(readFileSync(path.join(dir, '.dockerignore'), 'utf8')).toBe('.git\n');
    expect(readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toBe(dockerfile);
  }, 30_000);

  it('--fix keeps the mode whatever the umask, and the owner when root fixes the file', async () => {
    const dir = project({ Dockerfile: APK });
    const file = path.join(dir, 'Dockerfile');
    chmodSync(file, 0o666);
    const root = process.getuid?.() === 0;
    if (root) chownSync(file, 1234, 5678);
    const r = await run(['--fix'], dir);
    expectHandled(r, 'mode');
    const stat = statSync(file);
    expect(readFileSync(file, 'utf8')).toContain('apk add --no-cache curl');
    expect(stat.mode & 0o777).toBe(0o666);
    if (root) expect([stat.uid, stat.gid]).toEqual([1234, 5678]);
  }, 30_000);

  describe.skipIf(nobodyUnavailable() !== undefined)(`as nobody${nobodyUnavailable() ? ` (skipped: ${nobodyUnavailable()})` : ''}`, () => {
    it('an unreadable file and an unreadable folder: a clear error per path', async () => {
      const dir = project({ Dockerfile: APK, 'secret/Dockerfile': APK, 'ok/Dockerfile': APK });
      chmodSync(dir, 0o755);
      chmodSync(path.join(dir, 'ok'), 0o755);
      chmodSync(path.join(dir, 'ok', 'Dockerfile'), 0o644);
      chmodSync(path.join(dir, 'Dockerfile'), 0o000);
      chmodSync(path.join(dir, 'secret'), 0o700);
      const r = await run(['--format', 'json', 'Dockerfile', 'secret/Dockerfile', 'ok/Dockerfile'], dir, { asNobody: true });
      expectHandled(r, 'unreadable');
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toEqual(['dockerfile-optimizer: Dockerfile: cannot be read: permission denied', 'dockerfile-optimizer: secret/Dockerfile: cannot be read: permission denied']);
      expect(JSON.parse(r.stdout).map((f: { file: string }) => f.file)).toContain('ok/Dockerfile');
      const glob = await run(['--format', 'json', '**/Dockerfile'], dir, { asNobody: true });
      expectHandled(glob, 'unreadable glob');
      expect(new Set(JSON.parse(glob.stdout).map((f: { file: string }) => f.file))).toEqual(new Set(['ok/Dockerfile']));
    }, 30_000);

    it('--fix where the folder is not writable: a clear error, the file untouched, no temporary file', async () => {
      const dir = project({ Dockerfile: APK });
      chmodSync(dir, 0o755);
      chmodSync(path.join(dir, 'Dockerfile'), 0o666);
      const r = await run(['--fix'], dir, { asNobody: true });
      expectHandled(r, 'read-only folder');
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('dockerfile-optimizer: Dockerfile: cannot be written: permission denied\n');
      expect(readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toBe(APK);
      expect(readdirSync(dir)).toEqual(['Dockerfile']);
    }, 30_000);
  });
});
