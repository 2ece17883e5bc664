import { testRule } from '../../helpers/rule-tester';

const config = { labelSchema: { 'org.opencontainers.image.revision': 'hash' as const, other: 'text' as const } };

testRule('label-git-hash-valid', {
  valid: [
    { config, code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.revision=2dbfae9\n' },
    { config, code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.revision="0123456789abcdef0123456789abcdef01234567"\n' },
    { name: 'other labels are free', config, code: 'FROM alpine:3.20\nLABEL other="anything at all"\n' },
    { name: 'a value from a variable is only known at build time', config, code: 'FROM alpine:3.20\nARG V\nLABEL org.opencontainers.image.revision="${V}"\n' },
    { name: 'empty values are for label-not-empty', config, code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.revision=""\n' },
    { name: 'no schema, no check', code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.revision="?"\n' },
  ],
  invalid: [
    { config, code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.revision=main\n', lines: [2], message: /is not a git commit hash: `main`/ },
    { name: 'too short', config, code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.revision=abc12\n', lines: [2] },
  ],
});
