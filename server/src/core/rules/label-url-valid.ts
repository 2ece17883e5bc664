import { defineRule } from '../define-rule';
import { checkLabelValues } from '../labels';

export default defineRule({
  id: 'label-url-valid',
  category: 'maintainability',
  severity: 'warning',
  fixable: false,
  scope: 'file',
  aliases: ['DL3052'],
  docs: {
    description: 'Labels that the configured label schema types as `url` hold an absolute URL.',
    rationale:
      'Tools that read labels such as `org.opencontainers.image.source` follow them as links. The label schema (`labelSchema`, or `label-schema` in `.hadolint.yaml`) says which labels must be URLs; a value that is not one is a typo or a placeholder.',
    bad: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source="github.com/example/app"\n',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source="https://github.com/example/app"\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3052', 'https://github.com/opencontainers/image-spec/blob/main/annotations.md', 'https://github.com/hadolint/hadolint#linting-labels'],
    config: { labelSchema: { 'org.opencontainers.image.source': 'url' } },
  },
  check(ctx) {
    checkLabelValues(ctx, 'url', 'a URL');
  },
});
