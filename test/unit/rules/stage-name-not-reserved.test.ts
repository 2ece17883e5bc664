import { testRule } from '../../helpers/rule-tester';

testRule('stage-name-not-reserved', {
  valid: ['\nFROM scratch\nFROM scratch AS a\n', 'FROM alpine AS scratchpad\n'],
  invalid: [
    {
      name: 'BuildKit: scratch and context',
      code: '\nFROM scratch AS scratch\nFROM scratch AS context\n',
      lines: [2, 3],
      message: /^Stage name `(scratch|context)` is reserved for the (empty image|build context)$/,
    },
    { name: 'in any case', code: 'FROM alpine AS Context\n', lines: [1] },
  ],
});
