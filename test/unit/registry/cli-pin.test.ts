/** `dockerfile-optimizer pin`, `--registry` and `--unsafe-fixes` against a real registry on loopback. */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli, tempDir } from '../../helpers/cli';
import { describeWithRegistry } from '../../helpers/registry/clients';
import { startTestRegistry, type TestRegistry } from '../../helpers/registry/test-registry';

describeWithRegistry('command-line pinning against a loopback registry', () => {
  let reg: TestRegistry;
  beforeAll(async () => {
    reg = await startTestRegistry({ auth: 'none' });
  }, 120_000);
  afterAll(() => reg?.stop());

  function project(text: string): string {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'Dockerfile'), text);
    return dir;
  }

  it('pins every base image with `pin`, keeping the tags, and says what it did', async () => {
    const text = `FROM ${reg.host}/library/node:18-alpine AS build\nFROM ${reg.host}/library/node:18-bookworm\n`;
    const dir = project(text);
    const diff = await runCli(['pin', '--diff'], dir);
    expect(diff.code).toBe(0);
    expect(readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toBe(text);
    expect(diff.stdout).toContain(`+FROM ${reg.host}/library/node:18-alpine@${reg.seeded['library/node:18-alpine'].digest} AS build`);
    const r = await runCli(['pin'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Dockerfile: pinned \`${reg.host}/library/node:18-alpine\``);
    expect(readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toBe(
      `FROM ${reg.host}/library/node:18-alpine@${reg.seeded['library/node:18-alpine'].digest} AS build\nFROM ${reg.host}/library/node:18-bookworm@${reg.seeded['library/node:18-bookworm'].digest}\n`,
    );
    const again = await runCli(['pin'], dir);
    expect(again.stdout).toBe('Every base image is pinned already\n');
  });

  it('reports a tag it cannot find with one clear line and exit 2, pinning the rest', async () => {
    const dir = project(`FROM ${reg.host}/library/node:99-missing\nFROM ${reg.host}/library/node:18-alpine\n`);
    const r = await runCli(['pin'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^dockerfile-optimizer: Dockerfile: .*node:99-missing.*\\n$`));
    expect(readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toContain(`node:18-alpine@${reg.seeded['library/node:18-alpine'].digest}`);
    expect(readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toContain('node:99-missing\n');
  });

  it('pins under --fix --unsafe-fixes --registry (never without --registry), and --registry reports a stale pin', async () => {
    const dir = project(`FROM ${reg.host}/library/node:18-alpine\n`);
    await runCli(['--fix', '--unsafe-fixes', '--rule', 'from-digest-pinned'], dir);
    expect(readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), 'no lookup without --registry').toBe(`FROM ${reg.host}/library/node:18-alpine\n`);
    await runCli(['--fix', '--unsafe-fixes', '--registry', '--rule', 'from-digest-pinned'], dir);
    const pinned = readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
    expect(pinned).toBe(`FROM ${reg.host}/library/node:18-alpine@${reg.seeded['library/node:18-alpine'].digest}\n`);
    const stale = project(`FROM ${reg.host}/library/node:18-alpine@sha256:${'0'.repeat(64)}\n`);
    const off = await runCli(['--rule', 'from-digest-current', '--format', 'json'], stale);
    expect(JSON.parse(off.stdout)).toEqual([]);
    const on = await runCli(['--registry', '--rule', 'from-digest-current', '--format', 'json'], stale);
    expect(JSON.parse(on.stdout).map((f: { ruleId: string }) => f.ruleId)).toEqual(['from-digest-current']);
  });
});
