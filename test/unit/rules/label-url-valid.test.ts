import { testRule } from '../../helpers/rule-tester';

const config = { labelSchema: { 'org.opencontainers.image.source': 'url' as const, other: 'text' as const } };

testRule('label-url-valid', {
  valid: [
    { config, code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source="https://github.com/example/app"\n' },
    { config, code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source=git+ssh://git@example.com/app.git\n' },
    { name: 'other labels are free', config, code: 'FROM alpine:3.20\nLABEL other="anything at all"\n' },
    { name: 'a value from a variable is only known at build time', config, code: 'FROM alpine:3.20\nARG V\nLABEL org.opencontainers.image.source="${V}"\n' },
    { name: 'empty values are for label-not-empty', config, code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source=""\n' },
    { name: 'no schema, no check', code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source="?"\n' },
  ],
  invalid: [
    { config, code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source="github.com/example/app"\n', lines: [2], message: /Label `org.opencontainers.image.source` is not a URL: `github.com\/example\/app`/ },
    { config, code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source="https://"\n', lines: [2] },
  ],
});
