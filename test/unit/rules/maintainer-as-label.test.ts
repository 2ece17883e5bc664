import { testRule } from '../../helpers/rule-tester';

testRule('maintainer-as-label', {
  valid: [
    '\nFROM scratch\nLABEL org.opencontainers.image.authors="me@example.org"\n',
    { name: 'BuildKit check comment above the instruction', code: '\nFROM scratch\n# check=skip=MaintainerDeprecated\nMAINTAINER me@example.org\n' },
    { name: 'hadolint pragma', code: 'FROM scratch\n# hadolint ignore=DL4000\nMAINTAINER me@example.org\n' },
  ],
  invalid: [
    {
      name: 'BuildKit',
      code: '\nFROM scratch\nMAINTAINER me@example.org\n',
      lines: [3],
      message: /^`MAINTAINER` is deprecated; the author belongs in a label$/,
      output: '\nFROM scratch\nLABEL org.opencontainers.image.authors="me@example.org"\n',
    },
    {
      name: 'dollars and backslashes are kept literally',
      code: 'FROM scratch\nMAINTAINER Jane <jane$doe@example.org> \\o/\n',
      lines: [2],
      output: 'FROM scratch\nLABEL org.opencontainers.image.authors="Jane <jane\\$doe@example.org> \\\\o/"\n',
    },
    { name: 'double quotes in the value: no fix', code: 'FROM scratch\nMAINTAINER "Jane" <jane@example.org>\n', lines: [2] },
    {
      name: 'lowercase file, before FROM too',
      code: 'maintainer Lukas\nfrom debian\n',
      lines: [1],
      output: 'label org.opencontainers.image.authors="Lukas"\nfrom debian\n',
    },
  ],
});
