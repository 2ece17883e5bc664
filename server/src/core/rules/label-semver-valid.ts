import { defineRule } from '../define-rule';
import { checkLabelValues } from '../labels';

export default defineRule({
  id: 'label-semver-valid',
  category: 'maintainability',
  severity: 'warning',
  fixable: false,
  scope: 'file',
  aliases: ['DL3056'],
  docs: {
    description: 'Labels that the configured label schema types as `semver` hold a semantic version.',
    rationale:
      'Labels such as `org.opencontainers.image.version` are compared and sorted by tools that expect a semantic version (`1.4.2`, `2.0.0-rc.1`). The label schema (`labelSchema`, or `label-schema` in `.hadolint.yaml`) says which labels are versions.',
    bad: 'FROM alpine:3.20\nLABEL org.opencontainers.image.version="latest"\n',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.version="1.4.2"\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3056', 'https://semver.org/', 'https://github.com/hadolint/hadolint#linting-labels'],
    config: { labelSchema: { 'org.opencontainers.image.version': 'semver' } },
  },
  check(ctx) {
    checkLabelValues(ctx, 'semver', 'a semantic version');
  },
});
