import { testRule } from '../../helpers/rule-tester';

testRule('instruction-consistent-casing', {
  valid: [
    'FROM scratch\nCOPY Dockerfile /foo\nCOPY Dockerfile /bar\n',
    { name: 'all lowercase is consistent', code: 'from scratch\ncopy Dockerfile /foo\ncopy Dockerfile /bar\n' },
    { name: 'a heredoc body is not an instruction', code: "FROM alpine\nRUN <<'EOT'\nenv\nEOT\n" },
    { name: 'BuildKit check=skip=all', code: '#check=skip=all\nFROM scratch as base\ncopy Dockerfile .\n' },
  ],
  invalid: [
    {
      name: 'BuildKit: a mixed-case keyword',
      code: '\nFrom scratch as base\nFROM scratch AS base2\n',
      lines: [2],
      message: /^`From` does not match the uppercase of the other instructions$/,
      output: '\nFROM scratch as base\nFROM scratch AS base2\n',
    },
    {
      name: 'BuildKit: lowercase majority',
      code: '\nFROM scratch\ncopy Dockerfile /foo\ncopy Dockerfile /bar\ncopy Dockerfile /baz\n',
      lines: [2],
      message: /lowercase/,
      output: '\nfrom scratch\ncopy Dockerfile /foo\ncopy Dockerfile /bar\ncopy Dockerfile /baz\n',
    },
    {
      name: 'BuildKit: a tie goes to uppercase',
      code: 'from scratch\nCOPY Dockerfile /foo\n',
      lines: [1],
      output: 'FROM scratch\nCOPY Dockerfile /foo\n',
    },
    {
      name: 'global ARGs count too',
      code: 'arg VERSION=1\nFROM alpine:3.20\nRUN true\n',
      lines: [1],
      output: 'ARG VERSION=1\nFROM alpine:3.20\nRUN true\n',
    },
  ],
});
