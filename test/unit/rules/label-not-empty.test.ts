import { testRule } from '../../helpers/rule-tester';
import type { RuleConfig } from '../../../server/src/core/types';

const config: RuleConfig = { labelSchema: { 'org.opencontainers.image.source': 'url', maintainer: 'email' } };

testRule('label-not-empty', {
  valid: [
    { config, code: 'FROM alpine:3.20\nLABEL maintainer=me@example.com\n' },
    { name: 'labels outside the schema may be empty', config, code: 'FROM alpine:3.20\nLABEL description=""\n' },
    { name: 'no schema, no check', code: 'FROM alpine:3.20\nLABEL maintainer=""\n' },
  ],
  invalid: [
    { config, code: 'FROM alpine:3.20\nLABEL maintainer="" org.opencontainers.image.source=" "\n', lines: [2, 2], message: /is empty/ },
  ],
});
