import { defineRule } from '../define-rule';
import { checkLabelValues } from '../labels';

export default defineRule({
  id: 'label-license-valid',
  category: 'maintainability',
  severity: 'warning',
  fixable: false,
  scope: 'file',
  aliases: ['DL3054'],
  docs: {
    description: 'Labels that the configured label schema types as `spdx` hold an SPDX license expression.',
    rationale:
      'License scanners read `org.opencontainers.image.licenses` as an SPDX expression (`MIT`, `Apache-2.0 OR MIT`). The label schema (`labelSchema`, or `label-schema` in `.hadolint.yaml`) says which labels name licenses; free text there is not machine-readable.',
    bad: 'FROM alpine:3.20\nLABEL org.opencontainers.image.licenses="Apache License"\n',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.licenses="Apache-2.0"\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3054', 'https://spdx.github.io/spdx-spec/v2.3/SPDX-license-expressions/', 'https://github.com/hadolint/hadolint#linting-labels'],
    config: { labelSchema: { 'org.opencontainers.image.licenses': 'spdx' } },
  },
  check(ctx) {
    checkLabelValues(ctx, 'spdx', 'an SPDX license expression');
  },
});
