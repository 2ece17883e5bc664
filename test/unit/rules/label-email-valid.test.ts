import { testRule } from '../../helpers/rule-tester';

const config = { labelSchema: { 'maintainer': 'email' as const, other: 'text' as const } };

testRule('label-email-valid', {
  valid: [
    { config, code: 'FROM alpine:3.20\nLABEL maintainer="jane.doe+docker@example.co.uk"\n' },
    { name: 'a name with the address', config, code: 'FROM alpine:3.20\nLABEL maintainer="Jane Doe <jane@example.com>"\n' },
    { name: 'other labels are free', config, code: 'FROM alpine:3.20\nLABEL other="anything at all"\n' },
    { name: 'a value from a variable is only known at build time', config, code: 'FROM alpine:3.20\nARG V\nLABEL maintainer="${V}"\n' },
    { name: 'empty values are for label-not-empty', config, code: 'FROM alpine:3.20\nLABEL maintainer=""\n' },
    { name: 'no schema, no check', code: 'FROM alpine:3.20\nLABEL maintainer="?"\n' },
  ],
  invalid: [
    { config, code: 'FROM alpine:3.20\nLABEL maintainer="Jane Doe"\n', lines: [2], message: /is not an email address: `Jane Doe`/ },
    { name: 'brackets without an address', config, code: 'FROM alpine:3.20\nLABEL maintainer="Jane Doe <jane>"\n', lines: [2] },
  ],
});
