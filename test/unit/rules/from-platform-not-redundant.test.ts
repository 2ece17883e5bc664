import { testRule } from '../../helpers/rule-tester';

testRule('from-platform-not-redundant', {
  valid: [
    'FROM --platform=$BUILDPLATFORM golang:1.22\n',
    { name: 'BuildKit check directive', code: '\n# check=skip=RedundantTargetPlatform\nFROM --platform=$TARGETPLATFORM scratch\n' },
    { name: 'more than the variable', code: 'FROM --platform=${TARGETPLATFORM}-x scratch\n' },
  ],
  invalid: [
    {
      name: 'BuildKit: $TARGETPLATFORM',
      code: '\nFROM --platform=$TARGETPLATFORM scratch\n',
      lines: [2],
      message: /^`--platform=\$TARGETPLATFORM` is the default platform of a stage$/,
      output: '\nFROM scratch\n',
    },
    { name: 'BuildKit: ${TARGETPLATFORM}', code: '\nFROM --platform=${TARGETPLATFORM} scratch AS base\n', lines: [2], output: '\nFROM scratch AS base\n' },
    { name: 'a global ARG redefines it: no fix', code: 'ARG TARGETPLATFORM=linux/arm64\nFROM --platform=$TARGETPLATFORM alpine:3.20\n', lines: [2] },
  ],
});
