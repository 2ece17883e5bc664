/**
 * An opt-in survey for rule owners (`FUZZ_SURVEY=<cases>`): runs many generated and mutated inputs,
 * known issues included, and prints every distinct problem (kind and rule) once, with the shortest
 * input that shows it, instead of stopping at the first failure as the properties do.
 */
import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';
import { loadShellParser } from '../../../server/src/io/shell-wasm';
import { corpusDockerfiles } from '../../helpers/corpus';
import { contextArbitrary, dockerfileArbitrary } from '../../helpers/fuzz/dockerfile-arbitrary';
import { checkInput, emptyStats, type Problem } from '../../helpers/fuzz/invariants';
import { KNOWN_ISSUES } from '../../helpers/fuzz/known-issues';
import { mutatedCorpusArbitrary } from '../../helpers/fuzz/mutations';
import { FUZZ_SEED } from '../../helpers/fuzz/settings';

const cases = Number(process.env.FUZZ_SURVEY ?? 0);

describe.runIf(cases > 0)('fuzzing survey', () => {
  beforeAll(() => loadShellParser());

  it(`surveys ${cases} generated and ${cases} mutated inputs (seed ${FUZZ_SEED})`, async () => {
    const known = KNOWN_ISSUES.splice(0);
    try {
      const seen = new Map<string, { problem: Problem; text: string; context: string; count: number }>();
      const record = (problems: Problem[], text: string, context: string) => {
        for (const problem of problems) {
          const key = `${problem.kind} ${problem.ruleId ?? '?'}`;
          const entry = seen.get(key);
          if (!entry) seen.set(key, { problem, text, context, count: 1 });
          else {
            entry.count++;
            if (text.length < entry.text.length) Object.assign(entry, { problem, text, context });
          }
        }
      };
      const generated = fc.sample(fc.tuple(dockerfileArbitrary, contextArbitrary), { seed: FUZZ_SEED, numRuns: cases });
      for (const [{ text }, context] of generated) record(await checkInput(text, { files: context.files }), text, String(context.names ? JSON.stringify(context.names) : 'unknown'));
      const mutated = fc.sample(mutatedCorpusArbitrary(corpusDockerfiles()), { seed: FUZZ_SEED, numRuns: cases });
      for (const m of mutated) record(await checkInput(m.text, {}, emptyStats()), m.text, 'unknown');
      const lines = [...seen.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, e]) => `${key} ×${e.count}\n  input ${JSON.stringify(e.text)}\n  context ${e.context}\n  ${e.problem.message.split('\n')[0].slice(0, 600)}`);
      console.log(`survey: ${seen.size} distinct problems\n${lines.join('\n')}`);
    } finally {
      KNOWN_ISSUES.push(...known);
    }
  }, 3_600_000);
});
