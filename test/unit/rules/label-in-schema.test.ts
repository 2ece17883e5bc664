import { testRule } from '../../helpers/rule-tester';
import type { RuleConfig } from '../../../server/src/core/types';

const schema = { labelSchema: { 'org.opencontainers.image.source': 'url', maintainer: 'email' } } satisfies RuleConfig;
const config: RuleConfig = { ...schema, strictLabels: true };

testRule('label-in-schema', {
  valid: [
    { name: 'not strict', config: schema, code: 'FROM alpine:3.20\nLABEL anything=goes\n' },
    { config, code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source=https://example.com maintainer=me@example.com\n' },
    { name: 'a file without labels', config, code: 'FROM alpine:3.20\n' },
  ],
  invalid: [
    { config, code: 'FROM alpine:3.20\nLABEL maintainer=me@example.com build-host=ci-7\n', lines: [2], message: /Label `build-host` is not in the label schema/ },
    { name: 'in every stage', config, code: 'FROM alpine:3.20 AS a\nLABEL x=1\nFROM alpine:3.20\nLABEL y=2\n', lines: [2, 4] },
  ],
});
