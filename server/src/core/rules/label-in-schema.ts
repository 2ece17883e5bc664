import { defineRule } from '../define-rule';
import { allLabelPairs } from '../labels';

export default defineRule({
  id: 'label-in-schema',
  category: 'maintainability',
  severity: 'warning',
  fixable: false,
  scope: 'file',
  aliases: ['DL3050'],
  docs: {
    description: 'With strict labels configured, every label is one of the label schema.',
    rationale:
      'A project that lists its labels in a schema (`labelSchema` with `strictLabels`, or `label-schema` with `strict-labels: true` in `.hadolint.yaml`) wants every label to be one of them, so that misspelt keys (`org.opencontainers.image.licence`) and stray labels are caught.',
    bad: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source="https://github.com/example/app" build-host="ci-7"\n',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source="https://github.com/example/app"\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3050', 'https://github.com/hadolint/hadolint#linting-labels'],
    config: { labelSchema: { 'org.opencontainers.image.source': 'url' }, strictLabels: true },
  },
  check({ model, config, report }) {
    const schema = config.labelSchema;
    if (!config.strictLabels || !schema) return;
    for (const pair of allLabelPairs(model)) {
      if (Object.hasOwn(schema, pair.key) || /\$/.test(pair.key)) continue;
      report({ range: pair.keyRange, message: `Label \`${pair.key}\` is not in the label schema` });
    }
  },
});
