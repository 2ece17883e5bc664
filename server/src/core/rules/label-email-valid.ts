import { defineRule } from '../define-rule';
import { checkLabelValues } from '../labels';

export default defineRule({
  id: 'label-email-valid',
  category: 'maintainability',
  severity: 'warning',
  fixable: false,
  scope: 'file',
  aliases: ['DL3058'],
  docs: {
    description: 'Labels that the configured label schema types as `email` hold an email address.',
    rationale:
      'A `maintainer` or `org.opencontainers.image.authors` label is how people reach the owner of an image. The label schema (`labelSchema`, or `label-schema` in `.hadolint.yaml`) says which labels must be addresses; a name alone cannot be written to.',
    bad: 'FROM alpine:3.20\nLABEL maintainer="Jane Doe"\n',
    good: 'FROM alpine:3.20\nLABEL maintainer="jane@example.com"\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3058', 'https://www.rfc-editor.org/rfc/rfc5322#section-3.4.1', 'https://github.com/hadolint/hadolint#linting-labels'],
    config: { labelSchema: { 'maintainer': 'email' } },
  },
  check(ctx) {
    checkLabelValues(ctx, 'email', 'an email address');
  },
});
