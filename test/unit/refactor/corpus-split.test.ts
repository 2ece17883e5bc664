/**
 * The split over the real single-stage Dockerfiles of the corpus (no build context, as a file seen on
 * its own): every offered rewrite must be a good split; refusals are counted by reason.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { lintModel, NO_FILES } from '../../../server/src/core/lint';
import { parseDockerfile } from '../../../server/src/core/model';
import { planSplit } from '../../../server/src/core/refactor/split';
import { loadShellParser } from '../../../server/src/io/shell-wasm';
import { corpusDockerfiles, hasCorpus } from '../../helpers/corpus';
import { splitProblems } from '../../helpers/split-invariants';

/** A refusal reason without the file's own names, so that reasons can be counted. */
function reasonKind(reason: string): string {
  return reason.replace(/`[^`]*`/g, '`…`');
}

describe.skipIf(!hasCorpus())('multi-stage split over the corpus', () => {
  beforeAll(() => loadShellParser());

  it('offers only good splits, and says why it refuses the rest', () => {
    const offered: string[] = [];
    const problems: string[] = [];
    const refused = new Map<string, number>();
    let singleStage = 0;
    let reported = 0;
    let reportedAndOffered = 0;
    for (const { name, text } of corpusDockerfiles()) {
      const model = parseDockerfile(text);
      if (model.stages.length !== 1) continue;
      singleStage++;
      const plan = planSplit(model, NO_FILES);
      const buildsInPlace = lintModel(model, { files: NO_FILES, only: ['stage-multi-stage'], syntax: false }).length > 0;
      if (buildsInPlace) reported++;
      if (buildsInPlace && plan.ok) reportedAndOffered++;
      if (!plan.ok) {
        const kind = reasonKind(plan.reason);
        refused.set(kind, (refused.get(kind) ?? 0) + 1);
        expect(plan.reason.length, name).toBeGreaterThan(10);
        continue;
      }
      offered.push(name);
      for (const problem of splitProblems(plan.text, NO_FILES)) problems.push(`${name}: ${problem}`);
    }
    const reasons = [...refused].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${String(n).padStart(4)}  ${r}`);
    console.log(
      `split over the corpus: ${singleStage} single-stage files, ${offered.length} offered (${offered.join(', ')}), ${singleStage - offered.length} refused; ` +
        `stage-multi-stage reports ${reported} of them, ${reportedAndOffered} with the split as its fix. Refusals by reason:\n${reasons.join('\n')}`,
    );
    expect(problems).toEqual([]);
    expect(singleStage).toBeGreaterThan(300);
  });
});
