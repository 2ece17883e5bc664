import { testRule } from '../../helpers/rule-tester';

const config = { labelSchema: { 'org.opencontainers.image.created': 'rfc3339' as const, other: 'text' as const } };

testRule('label-date-valid', {
  valid: [
    { config, code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.created="2024-05-01T12:00:00Z"\n' },
    { config, code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.created=2024-05-01T12:00:00.123456789+02:00\n' },
    { name: 'other labels are free', config, code: 'FROM alpine:3.20\nLABEL other="anything at all"\n' },
    { name: 'a value from a variable is only known at build time', config, code: 'FROM alpine:3.20\nARG V\nLABEL org.opencontainers.image.created="${V}"\n' },
    { name: 'empty values are for label-not-empty', config, code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.created=""\n' },
    { name: 'no schema, no check', code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.created="?"\n' },
  ],
  invalid: [
    { config, code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.created="2024-05-01"\n', lines: [2], message: /is not an RFC 3339 date and time/ },
    { name: 'a month that does not exist', config, code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.created="2024-13-01T12:00:00Z"\n', lines: [2] },
  ],
});
