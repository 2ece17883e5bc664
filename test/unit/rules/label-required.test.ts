import { testRule } from '../../helpers/rule-tester';
import type { RuleConfig } from '../../../server/src/core/types';

const config: RuleConfig = { labelSchema: { 'org.opencontainers.image.source': 'url', maintainer: 'email' } };

testRule('label-required', {
  valid: [
    { name: 'no schema, no check', code: 'FROM alpine:3.20\n' },
    { config, code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source=https://example.com maintainer=me@example.com\n' },
    { name: 'inherited from the stage it is built from', config, code: 'FROM alpine:3.20 AS base\nLABEL org.opencontainers.image.source=https://example.com maintainer=me@example.com\nFROM base\n' },
    {
      name: 'a stage that is copied from is not an image',
      config,
      code: 'FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nLABEL org.opencontainers.image.source=https://example.com maintainer=me@example.com\nCOPY --from=build /app /app\n',
    },
  ],
  invalid: [
    { config, code: 'FROM alpine:3.20\nLABEL maintainer=me@example.com\n', lines: [1], message: /Label `org.opencontainers.image.source` of the label schema is missing from this image/ },
    { name: 'one finding per missing label', config, code: 'FROM alpine:3.20\n', lines: [1, 1] },
    {
      name: 'every stage nothing builds from is an image',
      config,
      code: 'FROM alpine:3.20 AS tools\nLABEL maintainer=me@example.com\nFROM alpine:3.20\nLABEL org.opencontainers.image.source=https://example.com maintainer=me@example.com\n',
      lines: [1],
    },
    {
      name: 'the stage built from another is reported, not its base',
      config,
      code: 'FROM alpine:3.20 AS base\nFROM base\nLABEL maintainer=me@example.com\n',
      lines: [2],
    },
  ],
});
