import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { CLI, project, runCli } from '../helpers/cli';

const NODE_APP = 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nRUN npm run build\nCMD ["npm", "start"]\n';
const APT = 'FROM debian:bookworm-slim\nRUN apt-get update\nRUN apt-get install curl\nUSER nobody\nCMD ["curl", "--version"]\n';
const CLEAN = 'FROM alpine:3.20@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\nRUN apk add --no-cache curl=8.9.1-r0\nUSER 65534\nENTRYPOINT ["curl"]\n';

describe('dockerfile-optimizer command line', () => {
  it('is built', () => expect(existsSync(CLI)).toBe(true));

  it('checks ./Dockerfile by default and exits 1 on warnings', async () => {
    const dir = project({ Dockerfile: APT });
    const r = await runCli([], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Dockerfile:3:5: warning `apt-get install` without `-y` stops at the confirmation prompt [apt-assume-yes] (fixable)');
    expect(r.stdout).toMatch(/\d+ problems \(\d+ warnings, \d+ info(, \d+ hints?)?\) in 1 file; \d+ fixable with --fix/);
    expect(r.stderr).toBe('');
  });

  it('exits 0 on a clean file and accepts the `check` subcommand', async () => {
    const dir = project({ Dockerfile: CLEAN });
    const r = await runCli(['check', 'Dockerfile'], dir);
    expect(r.stdout).toBe('No problems in 1 file\n');
    expect(r.code).toBe(0);
  });

  it('honours --fail-level', async () => {
    const dir = project({ Dockerfile: CLEAN.replace(/@sha256:[0-9a-f]+/, '') });
    expect((await runCli([], dir)).code).toBe(0);
    expect((await runCli(['--fail-level', 'info'], dir)).code).toBe(1);
    expect((await runCli(['--fail-level', 'none', '--rule', 'from-digest-pinned'], dir)).code).toBe(0);
  });

  it('selects rules by id, hadolint code or BuildKit name', async () => {
    const dir = project({ Dockerfile: 'FROM alpine:3.20\nRUN apk add curl\nCMD curl x\n' });
    const only = await runCli(['--rule', 'DL3019', '--format', 'json'], dir);
    expect(JSON.parse(only.stdout).map((f: { ruleId: string }) => f.ruleId)).toEqual(['apk-no-cache']);
    const ignored = await runCli(['--ignore', 'JSONArgsRecommended,apk-no-cache', '--format', 'json'], dir);
    const ids = JSON.parse(ignored.stdout).map((f: { ruleId: string }) => f.ruleId);
    expect(ids).not.toContain('cmd-exec-form');
    expect(ids).not.toContain('apk-no-cache');
    const unknown = await runCli(['--rule', 'DL9999'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^dockerfile-optimizer: unknown rule `DL9999`/);
  });

  it('prints JSON with file, rule id, aliases, positions, severity, message and fix', async () => {
    const dir = project({ Dockerfile: APT });
    const r = await runCli(['--format', 'json'], dir);
    const rows = JSON.parse(r.stdout);
    const yes = rows.find((f: { ruleId: string }) => f.ruleId === 'apt-assume-yes');
    expect(yes).toEqual({
      file: 'Dockerfile',
      ruleId: 'apt-assume-yes',
      aliases: ['DL3014'],
      line: 3,
      column: 5,
      endLine: 3,
      endColumn: 25,
      severity: 'warning',
      message: '`apt-get install` without `-y` stops at the confirmation prompt',
      fixable: true,
      fix: { title: 'Add `-y`', safety: 'safe' },
    });
  });

  it('prints SARIF 2.1.0 that is valid against the schema', async () => {
    const dir = project({ Dockerfile: NODE_APP, 'package.json': '{}' });
    const r = await runCli(['--format', 'sarif'], dir);
    const log = JSON.parse(r.stdout);
    const schema = JSON.parse(readFileSync(path.resolve(__dirname, '../fixtures/sarif-2.1.0.schema.json'), 'utf8'));
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const valid = ajv.validate(schema, log);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('dockerfile-optimizer');
    expect(run.results.length).toBeGreaterThan(3);
    for (const result of run.results) expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    for (const rule of run.tool.driver.rules) expect(rule.helpUri).toMatch(/^https:\/\/.+\.md/);
  });

  it('--diff prints the fixes and writes nothing', async () => {
    const dir = project({ Dockerfile: APT });
    const r = await runCli(['--diff'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('-RUN apt-get update\n-RUN apt-get install curl\n+RUN apt-get update && apt-get install --no-install-recommends -y curl && rm -rf /var/lib/apt/lists/*\n');
    expect(readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toBe(APT);
  });

  it('--fix applies safe fixes only, and --unsafe-fixes the rest, creating .dockerignore', async () => {
    const dir = project({ Dockerfile: APT });
    const safe = await runCli(['--fix'], dir);
    const fixed = readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
    expect(fixed).toBe(
      'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install --no-install-recommends -y curl && rm -rf /var/lib/apt/lists/*\nUSER nobody\nCMD ["curl", "--version"]\n',
    );
    expect(safe.stdout).not.toContain('[apt-assume-yes]');

    const node = project({ Dockerfile: NODE_APP, 'package.json': '{"name":"x"}', 'package-lock.json': '{}' });
    await runCli(['--fix'], node);
    expect(existsSync(path.join(node, '.dockerignore'))).toBe(false);
    await runCli(['--fix', '--unsafe-fixes'], node);
    expect(readFileSync(path.join(node, '.dockerignore'), 'utf8')).toMatch(/^\.git\n\.env\nnode_modules\n/);
    expect(readFileSync(path.join(node, 'Dockerfile'), 'utf8')).toContain('COPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\n');
  });

  it('--fix keeps CRLF line endings, a byte order mark and the file mode', async () => {
    const dir = project({ Dockerfile: Buffer.from(`\uFEFF${'FROM alpine:3.20\r\nRUN apk add curl\r\n'}`) });
    chmodSync(path.join(dir, 'Dockerfile'), 0o640);
    await runCli(['--fix'], dir);
    expect(readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toBe('\uFEFFFROM alpine:3.20\r\nRUN apk add --no-cache curl\r\n');
    expect(statSync(path.join(dir, 'Dockerfile')).mode & 0o777).toBe(0o640);
  });

  it('refuses to fix a read-only file and leaves it untouched', async () => {
    const dir = project({ Dockerfile: APT });
    chmodSync(path.join(dir, 'Dockerfile'), 0o444);
    const r = await runCli(['--fix'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('dockerfile-optimizer: Dockerfile: is read-only; not changed\n');
    expect(readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toBe(APT);
  });

  it('expands globs and reports one line per bad input, with exit 2', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024, 'RUN echo x\n');
    const dir = project({
      'a/Dockerfile': APT,
      'b/Dockerfile': CLEAN,
      'binary/Dockerfile': Buffer.from([0x46, 0x52, 0x00, 0x01, 0x02]),
      'latin1/Dockerfile': Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x20, 0xe9, 0xff, 0x0a]),
      'empty/Dockerfile': '',
      'big/Dockerfile': big,
      'dir/Dockerfile/.keep': '',
    });
    const glob = await runCli(['--format', 'json', '*/Dockerfile'], dir);
    expect(new Set(JSON.parse(glob.stdout).map((f: { file: string }) => f.file))).toEqual(new Set(['a/Dockerfile']));
    expect(glob.code).toBe(2);
    const r = await runCli(['a/Dockerfile', 'missing/Dockerfile', 'dir/Dockerfile', 'binary/Dockerfile', 'latin1/Dockerfile', 'empty/Dockerfile', 'big/Dockerfile', 'nothing/*/Dockerfile'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      'dockerfile-optimizer: nothing/*/Dockerfile: matches no files',
      'dockerfile-optimizer: missing/Dockerfile: does not exist',
      'dockerfile-optimizer: dir/Dockerfile: is a directory; pass a Dockerfile or a glob such as `dir/**/Dockerfile`',
      'dockerfile-optimizer: binary/Dockerfile: is a binary file, not a Dockerfile',
      'dockerfile-optimizer: latin1/Dockerfile: is not valid UTF-8 text',
      'dockerfile-optimizer: empty/Dockerfile: is empty',
      'dockerfile-optimizer: big/Dockerfile: too large to be a Dockerfile (10.5 MB; the limit is 2.1 MB)',
    ]);
    expect(r.stdout).toContain('a/Dockerfile:3:5');
  });

  it('rejects bad usage with exit 2', async () => {
    const dir = project({ Dockerfile: CLEAN });
    for (const args of [['--format', 'xml'], ['--fail-level', 'loud'], ['--fix', '--diff'], ['--unsafe-fixes'], ['--bogus']]) {
      const r = await runCli(args, dir);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^dockerfile-optimizer: .+\nRun `dockerfile-optimizer --help` for usage\.\n$/);
    }
    const help = await runCli(['--help'], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: dockerfile-optimizer');
  });
  it('reads .hadolint.yaml from the Dockerfile folder upwards: ignored, override, failure-threshold; --no-hadolint-config turns it off', async () => {
    const dir = project({
      '.git/HEAD': '',
      '.hadolint.yaml': 'ignored:\n  - DL3006\noverride:\n  error:\n    - DL3019\nfailure-threshold: error\nbogus: 1\n',
      'svc/Dockerfile': 'FROM alpine\nRUN apk add curl\nUSER nobody\nCMD ["curl"]\n',
    });
    const env = { HOME: path.join(dir, 'home'), XDG_CONFIG_HOME: path.join(dir, 'xdg') };
    const r = await runCli(['--format', 'json', 'svc/Dockerfile'], dir, env);
    const rows = JSON.parse(r.stdout) as Array<{ ruleId: string; severity: string }>;
    expect(rows.map((f) => f.ruleId)).not.toContain('from-tag-explicit');
    expect(rows.find((f) => f.ruleId === 'apk-no-cache')?.severity).toBe('error');
    expect(r.stderr).toBe('dockerfile-optimizer: warning: .hadolint.yaml: unknown setting `bogus`\n');
    expect(r.code).toBe(1);

    const off = await runCli(['--format', 'json', '--no-hadolint-config', 'svc/Dockerfile'], dir, env);
    const offRows = JSON.parse(off.stdout) as Array<{ ruleId: string; severity: string }>;
    expect(offRows.map((f) => f.ruleId)).toContain('from-tag-explicit');
    expect(offRows.find((f) => f.ruleId === 'apk-no-cache')?.severity).toBe('warning');
    expect(off.stderr).toBe('');
  });

  it('takes the fail level from failure-threshold unless --fail-level is given', async () => {
    const dir = project({ '.git/HEAD': '', '.hadolint.yaml': 'failure-threshold: error\n', Dockerfile: 'FROM alpine:3.20\nRUN apk add curl\nUSER nobody\nCMD ["curl"]\n' });
    const env = { HOME: path.join(dir, 'home'), XDG_CONFIG_HOME: path.join(dir, 'xdg') };
    expect((await runCli([], dir, env)).code).toBe(0);
    expect((await runCli(['--fail-level', 'warning'], dir, env)).code).toBe(1);
    expect((await runCli(['--no-hadolint-config'], dir, env)).code).toBe(1);
  });

  it('reads the user-wide hadolint.yaml under $XDG_CONFIG_HOME when the project has none', async () => {
    const dir = project({ '.git/HEAD': '', 'xdg/hadolint.yaml': 'ignored: [DL3019]\n', Dockerfile: 'FROM alpine:3.20\nRUN apk add curl\n' });
    const env = { HOME: path.join(dir, 'home'), XDG_CONFIG_HOME: path.join(dir, 'xdg') };
    const ids = (out: string) => (JSON.parse(out) as Array<{ ruleId: string }>).map((f) => f.ruleId);
    expect(ids((await runCli(['--format', 'json'], dir, env)).stdout)).not.toContain('apk-no-cache');
    expect(ids((await runCli(['--format', 'json'], dir, { ...env, XDG_CONFIG_HOME: path.join(dir, 'none') })).stdout)).toContain('apk-no-cache');
  });

  it('splits a Go service into a scratch runtime with --go-runtime scratch, distroless by default', async () => {
    const dir = project({ Dockerfile: 'FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go build -o server .\nCMD ["./server"]\n', 'go.mod': 'module example.com/s\n\ngo 1.22\n', 'main.go': 'package main\n' });
    const distroless = await runCli(['--diff', '--unsafe-fixes', '--rule', 'stage-multi-stage'], dir);
    expect(distroless.stdout).toContain('+FROM gcr.io/distroless/static-debian12:nonroot\n');
    const scratch = await runCli(['--diff', '--unsafe-fixes', '--rule', 'stage-multi-stage', '--go-runtime', 'scratch'], dir);
    expect(scratch.stdout).toContain('+FROM scratch\n');
    expect(scratch.stdout).toContain('+COPY --from=builder /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\n');
    expect((await runCli(['--go-runtime', 'alpine'], dir)).code).toBe(2);
  });
});
