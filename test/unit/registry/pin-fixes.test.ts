/** The digest fixes against a real registry on loopback: pinning, stale pins, per-platform pins, failures. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { applyFixEdits } from '../../../server/src/core/fix';
import { lint, NO_FILES } from '../../../server/src/core/lint';
import { isRegistryError } from '../../../server/src/core/registry-types';
import { loadShellParser } from '../../../server/src/io/shell-wasm';
import { lookUpPinnedTags } from '../../../server/src/io/tag-lookups';
import { clientFactory, describeWithRegistry } from '../../helpers/registry/clients';
import { startTestRegistry, type TestRegistry } from '../../helpers/registry/test-registry';

describeWithRegistry('digest pinning fixes against a loopback registry', () => {
  let reg: TestRegistry;
  const clients = clientFactory();
  beforeAll(async () => {
    await loadShellParser();
    reg = await startTestRegistry({ auth: 'none' });
  }, 120_000);
  afterAll(async () => {
    await clients.closeAll();
    await reg?.stop();
  });

  it('offers no pin fix when lookups are off, and a fix that pins the index digest when on', async () => {
    const text = `FROM ${reg.host}/library/node:18-alpine\nUSER node\n`;
    const off = lint(text, { files: NO_FILES }).findings.find((f) => f.ruleId === 'from-digest-pinned');
    expect(off?.fix).toBeUndefined();
    const registry = clients.make();
    const finding = lint(text, { files: NO_FILES, registry }).findings.find((f) => f.ruleId === 'from-digest-pinned')!;
    expect(finding.fix).toMatchObject({ title: `Pin \`${reg.host}/library/node:18-alpine\` to its current digest`, safety: 'unsafe' });
    const fixed = applyFixEdits(text, await finding.fix!.edits(), NO_FILES).text;
    expect(fixed).toBe(`FROM ${reg.host}/library/node:18-alpine@${reg.seeded['library/node:18-alpine'].digest}\nUSER node\n`);
    expect(lint(fixed, { files: NO_FILES, registry }).findings.map((f) => f.ruleId)).not.toContain('from-digest-pinned');
  });

  it('gives no edit and a clear error naming the image when the tag does not exist', async () => {
    const registry = clients.make();
    const text = `FROM ${reg.host}/library/node:99-nope\n`;
    const finding = lint(text, { files: NO_FILES, registry }).findings.find((f) => f.ruleId === 'from-digest-pinned')!;
    const error = await Promise.resolve(finding.fix!.edits()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isRegistryError(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'not-found' });
    expect((error as Error).message).toContain('node:99-nope');
  });

  it('reports a stale pin after looking up the tag, and updates it to the index digest', async () => {
    const registry = clients.make();
    const stale = `sha256:${'0'.repeat(64)}`;
    const text = `FROM ${reg.host}/library/node:18-bookworm@${stale}\n`;
    const { model } = lint(text, { files: NO_FILES });
    const { tags, failures } = await lookUpPinnedTags(model, registry);
    expect(failures).toEqual([]);
    const finding = lint(text, { files: NO_FILES, registry, tags }).findings.find((f) => f.ruleId === 'from-digest-current')!;
    expect(finding.message).toBe(`\`${reg.host}/library/node:18-bookworm\` now points to another image than the pinned digest`);
    const fixed = applyFixEdits(text, await finding.fix!.edits(), NO_FILES).text;
    expect(fixed).toBe(`FROM ${reg.host}/library/node:18-bookworm@${reg.seeded['library/node:18-bookworm'].digest}\n`);
    const { tags: after } = await lookUpPinnedTags(lint(fixed, { files: NO_FILES }).model, registry);
    expect(lint(fixed, { files: NO_FILES, registry, tags: after }).findings.map((f) => f.ruleId)).not.toContain('from-digest-current');
  });

  it('keeps a per-platform pin per platform', async () => {
    const registry = clients.make();
    const seeded = reg.seeded['library/node:18-bookworm'];
    const platform = Object.keys(seeded.platforms).find((p) => p.startsWith('linux/arm64')) ?? Object.keys(seeded.platforms)[0];
    const current = `FROM --platform=${platform} ${reg.host}/library/node:18-bookworm@${seeded.platforms[platform].digest}\n`;
    const { tags } = await lookUpPinnedTags(lint(current, { files: NO_FILES }).model, registry);
    expect(lint(current, { files: NO_FILES, tags }).findings.map((f) => f.ruleId)).not.toContain('from-digest-current');
    const stale = current.replace(/@sha256:[0-9a-f]+/, `@sha256:${'0'.repeat(64)}`);
    const finding = lint(stale, { files: NO_FILES, registry, tags }).findings.find((f) => f.ruleId === 'from-digest-current')!;
    const fixed = applyFixEdits(stale, await finding.fix!.edits(), NO_FILES).text;
    expect(fixed).toBe(current);
  });
});
