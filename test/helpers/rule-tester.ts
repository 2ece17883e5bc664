/**
 * Table-driven rule tests. For every invalid case it checks the findings, and for every fix the
 * invariants of the design guide: the finding is gone afterwards, fixing converges, the output
 * parses with no new syntax error, and the fix's safety matches the rule's `fixable`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ruleById } from '../../server/src/core/catalog';
import { applyFixEdits, fixAll } from '../../server/src/core/fix';
import { lint, NO_FILES } from '../../server/src/core/lint';
import type { ContextFiles, Finding, RuleConfig, TagLookup } from '../../server/src/core/types';
import { memoryContext } from '../../server/src/io/context-files';
import { loadShellParser } from '../../server/src/io/shell-wasm';

export interface ValidCase {
  code: string;
  files?: Record<string, string>;
  /** Project settings to lint with (label schema, trusted registries…). */
  config?: RuleConfig;
  /** Registry answers to lint with (key: `tagKey`), for rules that compare pins with tags. */
  tags?: Record<string, TagLookup>;
  name?: string;
}

function tagsOf(c: ValidCase): Map<string, TagLookup> | undefined {
  return c.tags ? new Map(Object.entries(c.tags)) : undefined;
}

export interface InvalidCase extends ValidCase {
  /** 1-based lines of the expected findings of this rule, in order. */
  lines: number[];
  /** A pattern every message of this rule must match. */
  message?: RegExp;
  /** Expected Dockerfile text after applying this rule's fixes until stable (omit when no fix is offered). */
  output?: string;
  /** Expected content of other files after the fixes. */
  outputFiles?: Record<string, string>;
}

export interface RuleCases {
  valid: Array<string | ValidCase>;
  invalid: InvalidCase[];
}

function contextOf(c: ValidCase): ContextFiles {
  return c.files ? memoryContext(c.files) : NO_FILES;
}

function syntaxIds(findings: Finding[]): string[] {
  return findings.filter((f) => f.ruleId.startsWith('syntax-')).map((f) => f.ruleId).sort();
}

function label(c: ValidCase): string {
  return c.name ?? c.code.split('\n').filter(Boolean).slice(0, 3).join(' ⏎ ').slice(0, 100);
}

/** Checks the fix invariants for every fix the rule offers on `code`. */
export async function checkFixInvariants(ruleId: string, code: string, files: ContextFiles, config?: RuleConfig): Promise<void> {
  const rule = ruleById(ruleId)!;
  const before = lint(code, { files, config });
  const own = before.findings.filter((f) => f.ruleId === ruleId);
  for (const finding of own) {
    if (!finding.fix) continue;
    expect(rule.fixable, `${ruleId} offers a fix but is declared fixable: false`).not.toBe(false);
    expect(finding.fix.safety).toBe(rule.fixable);
    const edits = await finding.fix.edits();
    expect(edits.length, 'a fix must change something').toBeGreaterThan(0);
    const fixed = applyFixEdits(code, edits, files);
    const after = lint(fixed.text, { files: overlay(files, fixed.files), config });
    const ownAfter = after.findings.filter((f) => f.ruleId === ruleId);
    expect(ownAfter.length, `fix "${finding.fix.title}" must remove its finding:\n${fixed.text}`).toBeLessThan(own.length);
    const syntaxBefore = syntaxIds(before.findings);
    for (const id of syntaxIds(after.findings)) expect(syntaxBefore, `fix "${finding.fix.title}" added \`${id}\`:\n${fixed.text}`).toContain(id);
  }
}

function overlay(files: ContextFiles, changed: Map<string, string>): ContextFiles {
  return {
    read: (p) => changed.get(p) ?? files.read(p),
    exists: (p) => changed.has(p) || files.exists(p),
    list: (d) => {
      const base = files.list(d);
      if (base === undefined || d !== '') return base;
      return [...new Set([...base, ...[...changed.keys()].filter((k) => !k.includes('/'))])];
    },
  };
}

export function testRule(ruleId: string, cases: RuleCases): void {
  beforeAll(() => loadShellParser());
  const rule = ruleById(ruleId);

  describe(ruleId, () => {
    it('is in the catalog', () => {
      expect(rule?.id).toBe(ruleId);
    });

    for (const raw of cases.valid) {
      const c = typeof raw === 'string' ? { code: raw } : raw;
      it(`valid: ${label(c)}`, () => {
        const { findings } = lint(c.code, { files: contextOf(c), config: c.config, tags: tagsOf(c) });
        expect(findings.filter((f) => f.ruleId === ruleId)).toEqual([]);
      });
    }

    for (const c of cases.invalid) {
      it(`invalid: ${label(c)}`, async () => {
        const files = contextOf(c);
        const { findings } = lint(c.code, { files, config: c.config, tags: tagsOf(c) });
        const own = findings.filter((f) => f.ruleId === ruleId);
        expect(own.map((f) => f.range.start.line + 1)).toEqual(c.lines);
        if (c.message) for (const f of own) expect(f.message).toMatch(c.message);
        for (const f of own) expect(f.message, 'messages have no trailing period').not.toMatch(/\.$/);

        const fixable = own.filter((f) => f.fix);
        if (c.output === undefined) {
          expect(fixable.map((f) => f.fix!.title), 'no fix expected').toEqual([]);
          return;
        }
        expect(fixable.length, 'a fix is expected').toBeGreaterThan(0);
        await checkFixInvariants(ruleId, c.code, files, c.config);
        const result = await fixAll(c.code, { files, config: c.config, unsafe: true, only: [ruleId] });
        expect(result.converged).toBe(true);
        expect(result.text).toBe(c.output);
        for (const [file, content] of Object.entries(c.outputFiles ?? {})) expect(result.files.get(file)).toBe(content);
        const again = await fixAll(result.text, { files: overlay(files, result.files), config: c.config, unsafe: true, only: [ruleId] });
        expect(again.applied, 'fixing is idempotent').toEqual([]);
      });
    }
  });
}
