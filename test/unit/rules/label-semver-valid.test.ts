import { testRule } from '../../helpers/rule-tester';

const config = { labelSchema: { 'org.opencontainers.image.version': 'semver' as const, other: 'text' as const } };

testRule('label-semver-valid', {
  valid: [
    { config, code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.version=1.4.2\n' },
    { config, code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.version="2.0.0-rc.1+build.5"\n' },
    { name: 'other labels are free', config, code: 'FROM alpine:3.20\nLABEL other="anything at all"\n' },
    { name: 'a value from a variable is only known at build time', config, code: 'FROM alpine:3.20\nARG V\nLABEL org.opencontainers.image.version="${V}"\n' },
    { name: 'empty values are for label-not-empty', config, code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.version=""\n' },
    { name: 'no schema, no check', code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.version="?"\n' },
  ],
  invalid: [
    { config, code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.version=latest\n', lines: [2], message: /is not a semantic version: `latest`/ },
    { name: 'a leading v is not part of a semantic version', config, code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.version=v1.4.2\n', lines: [2] },
  ],
});
