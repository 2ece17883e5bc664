import { defineRule } from '../define-rule';
import { checkLabelValues } from '../labels';

export default defineRule({
  id: 'label-git-hash-valid',
  category: 'maintainability',
  severity: 'warning',
  fixable: false,
  scope: 'file',
  aliases: ['DL3055'],
  docs: {
    description: 'Labels that the configured label schema types as `hash` hold a git commit hash.',
    rationale:
      'Labels such as `org.opencontainers.image.revision` tie an image to the commit it was built from; tools look that commit up. The label schema (`labelSchema`, or `label-schema` in `.hadolint.yaml`) says which labels are commit hashes: 7 to 40 (or 64) lower-case hex digits.',
    bad: 'FROM alpine:3.20\nLABEL org.opencontainers.image.revision="main"\n',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.revision="2dbfae9"\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3055', 'https://git-scm.com/docs/gitrevisions', 'https://github.com/hadolint/hadolint#linting-labels'],
    config: { labelSchema: { 'org.opencontainers.image.revision': 'hash' } },
  },
  check(ctx) {
    checkLabelValues(ctx, 'hash', 'a git commit hash');
  },
});
