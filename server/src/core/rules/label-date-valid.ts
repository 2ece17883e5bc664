import { defineRule } from '../define-rule';
import { checkLabelValues } from '../labels';

export default defineRule({
  id: 'label-date-valid',
  category: 'maintainability',
  severity: 'warning',
  fixable: false,
  scope: 'file',
  aliases: ['DL3053'],
  docs: {
    description: 'Labels that the configured label schema types as `rfc3339` hold an RFC 3339 date and time.',
    rationale:
      'Labels such as `org.opencontainers.image.created` are read by tools that expect an RFC 3339 timestamp (`2024-05-01T12:00:00Z`). The label schema (`labelSchema`, or `label-schema` in `.hadolint.yaml`) says which labels are timestamps.',
    bad: 'FROM alpine:3.20\nLABEL org.opencontainers.image.created="May 1st, 2024"\n',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.created="2024-05-01T12:00:00Z"\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3053', 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6', 'https://github.com/hadolint/hadolint#linting-labels'],
    config: { labelSchema: { 'org.opencontainers.image.created': 'rfc3339' } },
  },
  check(ctx) {
    checkLabelValues(ctx, 'rfc3339', 'an RFC 3339 date and time');
  },
});
