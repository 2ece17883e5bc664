/**
 * A sweep over real Dockerfiles: lint never throws, and every fix, alone or all safe fixes together,
 * leaves a file that parses with no new syntax error and converges.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { applyFixEdits, fixAll } from '../../server/src/core/fix';
import { lint, NO_FILES } from '../../server/src/core/lint';
import type { Finding } from '../../server/src/core/types';
import { loadShellParser } from '../../server/src/io/shell-wasm';
import { corpusDockerfiles, hasCorpus } from '../helpers/corpus';

function syntaxCounts(findings: Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) if (f.ruleId.startsWith('syntax-')) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
  return counts;
}

function newSyntaxErrors(before: Finding[], after: Finding[]): string[] {
  const a = syntaxCounts(before);
  return [...syntaxCounts(after)].filter(([id, n]) => n > (a.get(id) ?? 0)).map(([id]) => id);
}

describe.skipIf(!hasCorpus())('corpus sweep', () => {
  beforeAll(() => loadShellParser());
  const files = corpusDockerfiles();

  it(`lints and fixes all ${files.length} corpus files without an exception or a broken fix`, async () => {
    const perRule = new Map<string, { findings: number; files: number; fixes: number }>();
    const problems: string[] = [];
    let fixesApplied = 0;
    for (const { name, text } of files) {
      const ruleErrors: string[] = [];
      const { findings } = lint(text, { files: NO_FILES, onRuleError: (id, e) => ruleErrors.push(`${id}: ${(e as Error).stack}`) });
      problems.push(...ruleErrors.map((e) => `${name}: ${e}`));
      const seen = new Set<string>();
      for (const f of findings) {
        const entry = perRule.get(f.ruleId) ?? { findings: 0, files: 0, fixes: 0 };
        entry.findings++;
        if (f.fix) entry.fixes++;
        if (!seen.has(f.ruleId)) entry.files++;
        seen.add(f.ruleId);
        perRule.set(f.ruleId, entry);
      }
      for (const f of findings) {
        if (!f.fix) continue;
        const fixed = applyFixEdits(text, await f.fix.edits(), NO_FILES);
        const after = lint(fixed.text).findings;
        const added = newSyntaxErrors(findings, after);
        if (added.length) problems.push(`${name}: fix "${f.fix.title}" (${f.ruleId}) added ${added.join(', ')}`);
        const before = findings.filter((x) => x.ruleId === f.ruleId).length;
        if (after.filter((x) => x.ruleId === f.ruleId).length >= before) problems.push(`${name}: fix "${f.fix.title}" (${f.ruleId}) did not remove its finding`);
        fixesApplied++;
      }
      const all = await fixAll(text);
      if (!all.converged) problems.push(`${name}: safe fixes did not converge`);
      const added = newSyntaxErrors(findings, lint(all.text).findings);
      if (added.length) problems.push(`${name}: fix-all added ${added.join(', ')}`);
      const again = await fixAll(all.text);
      if (again.text !== all.text) problems.push(`${name}: fix-all is not idempotent`);
    }
    const table = [...perRule].sort(([a], [b]) => a.localeCompare(b)).map(([id, e]) => `${id.padEnd(32)} ${String(e.findings).padStart(5)} findings in ${String(e.files).padStart(4)} files, ${e.fixes} with a fix`);
    console.log(`corpus: ${files.length} files, ${fixesApplied} single fixes applied\n${table.join('\n')}`);
    expect(problems).toEqual([]);
  }, 600_000);
});
