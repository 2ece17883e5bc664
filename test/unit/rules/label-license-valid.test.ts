import { testRule } from '../../helpers/rule-tester';

const config = { labelSchema: { 'org.opencontainers.image.licenses': 'spdx' as const, other: 'text' as const } };

testRule('label-license-valid', {
  valid: [
    { config, code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.licenses="Apache-2.0"\n' },
    { config, code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.licenses="(MIT OR Apache-2.0) AND GPL-2.0-or-later WITH Classpath-exception-2.0"\n' },
    { config, code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.licenses="LicenseRef-Proprietary"\n' },
    { name: 'other labels are free', config, code: 'FROM alpine:3.20\nLABEL other="anything at all"\n' },
    { name: 'a value from a variable is only known at build time', config, code: 'FROM alpine:3.20\nARG V\nLABEL org.opencontainers.image.licenses="${V}"\n' },
    { name: 'empty values are for label-not-empty', config, code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.licenses=""\n' },
    { name: 'no schema, no check', code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.licenses="?"\n' },
  ],
  invalid: [
    { config, code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.licenses="Apache License"\n', lines: [2], message: /is not an SPDX license expression/ },
    { name: 'an unknown id', config, code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.licenses="MIT-ish"\n', lines: [2] },
    { name: 'a dangling operator', config, code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.licenses="MIT OR"\n', lines: [2] },
  ],
});
