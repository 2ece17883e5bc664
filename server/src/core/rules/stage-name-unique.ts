import type { From } from 'dockerfile-ast';
import { defineRule } from '../define-rule';

export default defineRule({
  id: 'stage-name-unique',
  category: 'correctness',
  severity: 'error',
  fixable: false,
  scope: 'all-stages',
  aliases: ['DL3024', 'DuplicateStageName'],
  docs: {
    description: 'Every build stage has its own name.',
    rationale:
      'Stage names are looked up case-insensitively by `COPY --from`, `FROM <stage>`, `RUN --mount=from=` and `docker build --target`. With two stages of one name, a reference means the last stage defined before it, which is rarely what the reader assumes, and `--target` picks one of them silently.',
    bad: 'FROM node:20 AS build\nRUN npm ci\n\nFROM node:20 AS build\nRUN npm run build\n',
    good: 'FROM node:20 AS deps\nRUN npm ci\n\nFROM node:20 AS build\nRUN npm run build\n',
    references: ['https://docs.docker.com/reference/build-checks/duplicate-stage-name/', 'https://github.com/hadolint/hadolint/wiki/DL3024'],
  },
  check({ model, report }) {
    const seen = new Map<string, number>();
    for (const stage of model.stages) {
      if (!stage.name) continue;
      const key = stage.name.toLowerCase();
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, stage.from.range.start.line);
        continue;
      }
      report({
        range: (stage.from.node as From).getBuildStageRange() ?? stage.from.range,
        message: `Stage name \`${stage.name}\` is already used by the stage on line ${first + 1}`,
      });
    }
  },
});
