/** lintModel runs every rule with one shared context: a rule that fails midway must not leak findings. */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ruleById } from '../../../server/src/core/catalog';
import { lint, NO_FILES } from '../../../server/src/core/lint';
import { loadShellParser } from '../../../server/src/io/shell-wasm';

const TEXT = 'FROM alpine:3.20\nRUN apk add curl\nRUN apk add git\n';

describe('lintModel', () => {
  beforeAll(() => loadShellParser());
  afterEach(() => vi.restoreAllMocks());

  it('drops the findings a rule reported before it threw, keeps the other rules’ and says which rule failed', () => {
    const before = lint(TEXT, { files: NO_FILES }).findings;
    expect(before.filter((f) => f.ruleId === 'apk-no-cache')).toHaveLength(2);
    const rule = ruleById('apk-no-cache')!;
    const original = rule.check.bind(rule);
    vi.spyOn(rule, 'check').mockImplementation((ctx) => {
      original(ctx); // reports both findings…
      throw new Error('fails after reporting');
    });
    const failed: string[] = [];
    const after = lint(TEXT, { files: NO_FILES, onRuleError: (id) => failed.push(id) }).findings;
    expect(failed).toEqual(['apk-no-cache']);
    expect(after.filter((f) => f.ruleId === 'apk-no-cache')).toEqual([]);
    const strip = (fs: typeof before) => fs.map((f) => ({ ruleId: f.ruleId, severity: f.severity, range: f.range, message: f.message }));
    expect(strip(after)).toEqual(strip(before.filter((f) => f.ruleId !== 'apk-no-cache')));
  });

  it('gives each finding the id and severity of the rule that reported it', () => {
    const { findings } = lint(TEXT, { files: NO_FILES, severities: { 'apk-no-cache': 'error' } });
    const apk = findings.filter((f) => f.ruleId === 'apk-no-cache');
    expect(apk.map((f) => f.severity)).toEqual(['error', 'error']);
    expect(apk.map((f) => f.message)).toEqual(Array(2).fill(apk[0].message));
    expect(findings.filter((f) => f.ruleId !== 'apk-no-cache').every((f) => f.severity !== 'error')).toBe(true);
  });
});
