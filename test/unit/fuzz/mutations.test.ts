/**
 * Property-based fuzzing with mutations of the real Dockerfiles of the shared corpus: characters and
 * lines inserted, deleted, moved, line endings and escape characters changed, files cut short (see
 * mutations.ts). Seeded and reproducible: a failure prints how to replay it.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadShellParser } from '../../../server/src/io/shell-wasm';
import { corpusDockerfiles, hasCorpus } from '../../helpers/corpus';
import { contextArbitrary } from '../../helpers/fuzz/dockerfile-arbitrary';
import { checkInput, checkLint, emptyStats, formatCounts, formatProblems, statsSummary } from '../../helpers/fuzz/invariants';
import { mutatedCorpusArbitrary } from '../../helpers/fuzz/mutations';
import { FUZZ_SEED, runProperty } from '../../helpers/fuzz/settings';

describe.skipIf(!hasCorpus())(`fuzzing with mutated corpus files (seed ${FUZZ_SEED})`, () => {
  beforeAll(() => loadShellParser());
  const files = corpusDockerfiles();

  it('lint never throws, no rule fails, and its time stays within a bound linear in the input', async () => {
    const stats = emptyStats();
    const runs = await runProperty(
      'lint on mutated corpus files',
      fc.property(mutatedCorpusArbitrary(files), contextArbitrary, (mutated, context) => {
        const problems = checkLint(mutated.text, context.files, stats);
        if (problems.length) throw new Error(`${formatProblems(problems)}\nmutated text: ${JSON.stringify(mutated.text)}`);
      }),
      { numRuns: 300, timeLimitMs: 8_000 },
    );
    console.log(`mutated corpus files linted: ${runs}${stats.known.size ? `; known issues set aside: ${formatCounts(stats.known)}` : ''}`);
    expect(runs).toBeGreaterThan(0);
  }, 120_000);

  it('every fix alone, and fix-all (safe, and with unsafe), keeps the invariants', async () => {
    const stats = emptyStats();
    const runs = await runProperty(
      'fixes on mutated corpus files',
      fc.asyncProperty(mutatedCorpusArbitrary(files), contextArbitrary, async (mutated, context) => {
        const problems = await checkInput(mutated.text, { files: context.files }, stats);
        if (problems.length) throw new Error(`${formatProblems(problems)}\nmutated text: ${JSON.stringify(mutated.text)}`);
      }),
      { numRuns: 80, timeLimitMs: 15_000 },
    );
    console.log(`mutated corpus files fixed: ${runs}; ${statsSummary(stats)}`);
    expect(stats.singleFixes.size).toBeGreaterThan(0);
  }, 180_000);
});
