import { testRule } from '../../helpers/rule-tester';

testRule('from-as-matching-case', {
  valid: [
    'FROM node:20 AS build\n',
    'from node:20 as build\n',
    { name: 'a mixed-case FROM is left to instruction-consistent-casing', code: 'From node:20 as build\nFROM node:20 AS base\n' },
    { name: 'no AS', code: 'FROM node:20\n' },
    { name: 'BuildKit check=skip', code: '#check=skip=ConsistentInstructionCasing,FromAsCasing\nFROM scratch as base\ncopy Dockerfile .\n' },
  ],
  invalid: [
    {
      name: 'BuildKit: lowercase as after FROM',
      code: '#check=skip=ConsistentInstructionCasing\nFROM scratch as base\ncopy Dockerfile .\n',
      lines: [2],
      message: /^`as` does not match the case of `FROM`$/,
      output: '#check=skip=ConsistentInstructionCasing\nFROM scratch AS base\ncopy Dockerfile .\n',
    },
    {
      name: 'BuildKit: uppercase AS after from',
      code: '\n# warning: \'AS\' should match \'from\' cmd casing.\n#\nfrom scratch AS base\n\nfrom scratch as base2\n',
      lines: [4],
      output: '\n# warning: \'AS\' should match \'from\' cmd casing.\n#\nfrom scratch as base\n\nfrom scratch as base2\n',
    },
  ],
});
