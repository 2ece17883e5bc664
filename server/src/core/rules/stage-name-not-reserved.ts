import type { From } from 'dockerfile-ast';
import { defineRule } from '../define-rule';

const RESERVED = new Set(['context', 'scratch']);

export default defineRule({
  id: 'stage-name-not-reserved',
  category: 'correctness',
  severity: 'warning',
  fixable: false,
  scope: 'all-stages',
  aliases: ['DL3063', 'ReservedStageName'],
  docs: {
    description: 'No stage is named `scratch` or `context`.',
    rationale:
      '`scratch` is the empty base image and `context` names the build context in `COPY --from=context` and `--build-context`. A stage with one of these names makes `FROM scratch` and `--from=context` ambiguous: depending on the builder they mean the stage or the reserved name.',
    bad: 'FROM alpine:3.20 AS scratch\nRUN echo hi > /hi\n\nFROM scratch\nCOPY --from=scratch /hi /hi\n',
    good: 'FROM alpine:3.20 AS base\nRUN echo hi > /hi\n\nFROM scratch\nCOPY --from=base /hi /hi\n',
    references: ['https://docs.docker.com/reference/build-checks/reserved-stage-name/', 'https://github.com/hadolint/hadolint/wiki/DL3063'],
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const name = stage.name?.toLowerCase();
      if (!name || !RESERVED.has(name)) continue;
      report({
        range: (stage.from.node as From).getBuildStageRange() ?? stage.from.range,
        message: `Stage name \`${stage.name}\` is reserved for ${name === 'scratch' ? 'the empty image' : 'the build context'}`,
      });
    }
  },
});
