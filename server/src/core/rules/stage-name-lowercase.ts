import { defineRule } from '../define-rule';
import { flagsOf, type DockerfileModel, type Stage } from '../model';
import type { Edit, Range } from '../types';
import type { From } from 'dockerfile-ast';

/** Ranges of the places that name a stage: its `AS`, and `FROM`, `COPY --from` and `RUN --mount=from=` references to it. */
function stageNameRanges(model: DockerfileModel, stage: Stage): Range[] {
  const name = stage.name!.toLowerCase();
  const ranges: Range[] = [];
  const own = (stage.from.node as From).getBuildStageRange();
  if (own) ranges.push(own);
  for (const other of model.stages) {
    if (other.index > stage.index && other.imageText.toLowerCase() === name) ranges.push(other.imageRange);
  }
  for (const instr of model.instructions) {
    if (!instr.stage || instr.stage.index <= stage.index) continue;
    for (const flag of flagsOf(instr)) {
      const flagName = flag.getName().toLowerCase();
      if (flagName === 'from' && (instr.keyword === 'COPY' || instr.keyword === 'ADD') && flag.getValue()?.toLowerCase() === name) {
        const range = flag.getValueRange();
        if (range) ranges.push(range);
      }
      if (flagName === 'mount' && instr.keyword === 'RUN') {
        const option = flag.getOption('from');
        const range = option?.getValueRange();
        if (option?.getValue()?.toLowerCase() === name && range) ranges.push(range);
      }
    }
  }
  return ranges;
}

export default defineRule({
  id: 'stage-name-lowercase',
  category: 'maintainability',
  severity: 'warning',
  fixable: 'safe',
  scope: 'all-stages',
  aliases: ['StageNameCasing'],
  docs: {
    description: 'Stage names are lowercase.',
    rationale:
      'BuildKit lowercases stage names when it looks them up, so `AS Builder` is found as `builder` by `COPY --from=BUILDER`, `--target builder` and every other spelling. Writing names in lowercase keeps the Dockerfile, `docker build --target` and the build output in agreement. The fix lowercases the name and the references to it in the file.',
    bad: 'FROM golang:1.22 AS Builder\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static\nCOPY --from=Builder /app /app\n',
    good: 'FROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static\nCOPY --from=builder /app /app\n',
    references: ['https://docs.docker.com/reference/build-checks/stage-name-casing/', 'https://docs.docker.com/reference/dockerfile/#from'],
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      if (!stage.name || stage.name === stage.name.toLowerCase()) continue;
      const range = (stage.from.node as From).getBuildStageRange() ?? stage.from.range;
      const lower = stage.name.toLowerCase();
      report({
        range,
        message: `Stage name \`${stage.name}\` is not lowercase`,
        fix: {
          title: `Rename the stage to \`${lower}\``,
          safety: 'safe',
          edits: (): Edit[] => stageNameRanges(model, stage).map((r) => ({ range: r, newText: lower })),
        },
      });
    }
  },
});
