import { testRule } from '../../helpers/rule-tester';

testRule('var-declared', {
  valid: [
    { name: 'BuildKit: a declared ARG without a value', code: '\nFROM scratch\nARG foo\nCOPY Dockerfile${foo} .\n' },
    { name: 'BuildKit: an ARG of the base stage', code: '\nFROM alpine AS base\nARG foo=Dockerfile\n\nFROM base\nCOPY $foo .\n' },
    { name: 'BuildKit: RUN is left to the shell', code: '\nFROM alpine\nRUN echo $PATH\n' },
    { name: 'PATH is always set', code: 'FROM scratch\nENV PATH=/app/bin:$PATH\n' },
    { name: 'an image whose ENV is unknown', code: 'FROM node:20\nCOPY $NODE_VERSION .\n' },
    { name: 'defaults are deliberate', code: 'FROM alpine\nCOPY ${SRC:-.} /app\n' },
    { name: 'single quotes and escapes', code: "FROM alpine\nLABEL a='$foo' b=\\$bar\n" },
    { name: 'ENV defined before', code: 'FROM alpine\nENV DIR=/srv\nWORKDIR $DIR\nUSER ${DIR}\n' },
    { name: 'ARG in a later ARG default', code: 'FROM alpine\nARG A=1 B=$A\nLABEL v=$B\n' },
    { name: 'heredoc bodies', code: 'FROM alpine\nCOPY <<EOF /a\n$foo\nEOF\n' },
  ],
  invalid: [
    {
      name: 'BuildKit: every stage, scratch',
      code: '\nFROM scratch AS first\nCOPY $foo .\n\nFROM scratch AS second\nCOPY $bar .\n',
      lines: [3, 6],
      message: /^`\$(foo|bar)` is not defined$/,
    },
    { name: 'BuildKit: ARG declared after its use', code: '\nFROM alpine\nCOPY $foo .\nARG foo=bar\nRUN echo $foo\n', lines: [3] },
    {
      name: 'BuildKit: a close name is suggested and offered',
      code: '\nFROM alpine\nARG DIR_BINARIES=binaries/\nARG DIR_ASSETS=assets/\nARG DIR_CONFIG=config/\nCOPY $DIR_ASSET .\n\t\n',
      lines: [6],
      message: /^`\$DIR_ASSET` is not defined \(did you mean `\$DIR_ASSETS`\?\)$/,
      output: '\nFROM alpine\nARG DIR_BINARIES=binaries/\nARG DIR_ASSETS=assets/\nARG DIR_CONFIG=config/\nCOPY $DIR_ASSETS .\n\t\n',
    },
    {
      name: 'BuildKit: PAHT',
      code: '\nFROM alpine\nENV PATH=$PAHT:/tmp/bin\n\t\t\n',
      lines: [3],
      output: '\nFROM alpine\nENV PATH=$PATH:/tmp/bin\n\t\t\n',
    },
    { name: 'a global ARG is not visible in a stage', code: 'ARG VERSION=1\nFROM alpine:3.20\nLABEL version=$VERSION\n', lines: [3] },
    { name: 'ENV sees the environment before it', code: 'FROM scratch\nENV A=1 B=$A\n', lines: [2] },
    { name: 'COPY --chown', code: 'FROM alpine\nCOPY --chown=${APP_USER} . /app\n', lines: [2] },
  ],
});
