import { testRule } from '../../helpers/rule-tester';

testRule('from-arg-declared', {
  valid: [
    '\nARG base=scratch\nFROM $base\nCOPY Dockerfile .\n',
    { name: 'automatic platform arguments', code: '\nFROM --platform=$BUILDPLATFORM scratch\nCOPY Dockerfile .\n' },
    { name: 'declared without a default', code: '\nARG DEBUG\nFROM scra${DEBUG:-tch}\n' },
    { name: 'redeclared automatic argument', code: '\nARG BUILDPLATFORM=linux/amd64\nFROM --platform=$BUILDPLATFORM scratch\n' },
  ],
  invalid: [
    {
      name: 'BuildKit: a misspelt platform argument',
      code: '\nFROM --platform=$BULIDPLATFORM scratch\nCOPY Dockerfile .\n',
      lines: [2],
      message: /^`BULIDPLATFORM` is not declared by an `ARG` before the first `FROM` \(did you mean `BUILDPLATFORM`\?\)$/,
      output: '\nFROM --platform=$BUILDPLATFORM scratch\nCOPY Dockerfile .\n',
    },
    {
      name: 'BuildKit: suggestion among the declared ARGs',
      code: '\nARG MY_OS=linux\nARG MY_ARCH=amd64\nFROM --platform=linux/${MYARCH} busybox\nCOPY Dockerfile .\n',
      lines: [4],
      output: '\nARG MY_OS=linux\nARG MY_ARCH=amd64\nFROM --platform=linux/${MY_ARCH} busybox\nCOPY Dockerfile .\n',
    },
    { name: 'BuildKit: no close name, no fix', code: '\nARG tag=latest\nFROM busybox:${tag}${version} AS b\nCOPY Dockerfile .\n', lines: [3], message: /`version` is not declared/ },
    { name: 'a stage ARG is not visible in FROM', code: 'FROM alpine:3.20\nARG VERSION=1\nFROM node:${VERSION}\n', lines: [3] },
  ],
});
