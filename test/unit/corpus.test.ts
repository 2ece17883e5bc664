/**
 * Every fix on every real file: for each Dockerfile of the shared corpus, lint never throws and no
 * rule fails; each offered fix alone (safe and unsafe) changes only the text of its edits, keeps the
 * line endings, adds no syntax error and removes its finding; all safe fixes together, and all fixes
 * with unsafe ones, converge within five passes, add no syntax error and are idempotent. The checks
 * are those of the fuzzing (test/helpers/fuzz/invariants.ts); the figures are printed by rule.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { NO_FILES } from '../../server/src/core/lint';
import { loadShellParser } from '../../server/src/io/shell-wasm';
import { corpusDockerfiles, hasCorpus } from '../helpers/corpus';
import { checkInput, emptyStats, formatProblems, statsSummary, type Problem } from '../helpers/fuzz/invariants';

describe.skipIf(!hasCorpus())('corpus sweep', () => {
  beforeAll(() => loadShellParser());
  const files = corpusDockerfiles();

  it(`lints and applies every fix, alone and all together, on all ${files.length} corpus files without a broken invariant`, async () => {
    const stats = emptyStats();
    const problems: Problem[] = [];
    for (const { name, text } of files) {
      for (const problem of await checkInput(text, { files: NO_FILES }, stats)) problems.push({ ...problem, message: `${name}: ${problem.message}` });
    }
    const byRule = [...stats.singleFixes].sort(([a], [b]) => a.localeCompare(b)).map(([id, n]) => `${id.padEnd(36)} ${String(n).padStart(5)} single fixes, ${String(stats.fixAllApplied.get(id) ?? 0).padStart(5)} applied by fix-all`);
    console.log(`corpus: ${files.length} files; ${statsSummary(stats)}\n${byRule.join('\n')}`);
    expect(problems, formatProblems(problems, 30)).toEqual([]);
    expect(stats.fixAllRuns).toBe(2 * files.length);
  }, 600_000);
});
