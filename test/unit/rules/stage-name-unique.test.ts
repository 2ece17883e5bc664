import { testRule } from '../../helpers/rule-tester';

testRule('stage-name-unique', {
  valid: ['\nFROM scratch AS b1\nFROM scratch AS b2\n', { name: 'hadolint pragma', code: 'FROM scratch AS b\n# hadolint ignore=DL3024\nFROM scratch AS b\n' }],
  invalid: [
    { name: 'BuildKit: the repeat is reported', code: '\nFROM scratch AS b\nFROM scratch AS b\n', lines: [3], message: /^Stage name `b` is already used by the stage on line 2$/ },
    { name: 'names compare case-insensitively', code: 'FROM node:20 AS Build\nRUN true\nFROM node:20 AS build\nFROM node:20 AS BUILD\n', lines: [3, 4] },
  ],
});
