/**
 * Property-based fuzzing of lint and fixes with Dockerfiles generated from the grammar (see
 * dockerfile-arbitrary.ts). Seeded and reproducible: a failure prints how to replay it.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadShellParser } from '../../../server/src/io/shell-wasm';
import { contextArbitrary, dockerfileArbitrary } from '../../helpers/fuzz/dockerfile-arbitrary';
import { checkInput, checkLint, emptyStats, formatCounts, formatProblems, statsSummary, type FixStats } from '../../helpers/fuzz/invariants';
import { FUZZ_SEED, runProperty } from '../../helpers/fuzz/settings';

beforeAll(() => loadShellParser());

describe(`fuzzing with generated Dockerfiles (seed ${FUZZ_SEED})`, () => {
  it('lint never throws, no rule fails, and its time stays within a bound linear in the input', async () => {
    const stats = emptyStats();
    const runs = await runProperty(
      'lint on generated Dockerfiles',
      fc.property(dockerfileArbitrary, contextArbitrary, ({ text }, context) => {
        const problems = checkLint(text, context.files, stats);
        if (problems.length) throw new Error(formatProblems(problems));
      }),
      { numRuns: 400, timeLimitMs: 10_000 },
    );
    console.log(`generated Dockerfiles linted: ${runs}${stats.known.size ? `; known issues set aside: ${formatCounts(stats.known)}` : ''}`);
    expect(runs).toBeGreaterThan(0);
  }, 120_000);

  it('every fix alone, and fix-all (safe, and with unsafe), keeps the invariants', async () => {
    const stats: FixStats = emptyStats();
    const runs = await runProperty(
      'fixes on generated Dockerfiles',
      fc.asyncProperty(dockerfileArbitrary, contextArbitrary, async ({ text }, context) => {
        const problems = await checkInput(text, { files: context.files }, stats);
        if (problems.length) throw new Error(`${formatProblems(problems)}\ncontext: ${JSON.stringify(context.names ?? 'unknown')}`);
      }),
      { numRuns: 200, timeLimitMs: 20_000 },
    );
    console.log(`generated Dockerfiles fixed: ${runs}; ${statsSummary(stats)}`);
    expect(stats.singleFixes.size).toBeGreaterThan(0);
  }, 180_000);
});
