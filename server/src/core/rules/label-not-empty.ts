import { defineRule } from '../define-rule';
import { schemaPairs } from '../labels';

export default defineRule({
  id: 'label-not-empty',
  category: 'maintainability',
  severity: 'warning',
  fixable: false,
  scope: 'file',
  aliases: ['DL3051'],
  docs: {
    description: 'Labels of the configured label schema have a value.',
    rationale:
      'An empty value meets the letter of the label schema (`labelSchema`, or `label-schema` in `.hadolint.yaml`) but tells nobody anything: it is usually a build argument that was never passed or a placeholder left behind.',
    bad: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source=""\n',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source="https://github.com/example/app"\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3051', 'https://github.com/hadolint/hadolint#linting-labels'],
    config: { labelSchema: { 'org.opencontainers.image.source': 'url' } },
  },
  check({ model, config, report }) {
    for (const pair of schemaPairs(model, config.labelSchema)) {
      if (pair.value.trim() !== '') continue;
      report({ range: pair.keyRange, message: `Label \`${pair.key}\` is empty` });
    }
  },
});
