import { testRule } from '../../helpers/rule-tester';

testRule('instruction-key-value-equals', {
  valid: [
    '\nFROM scratch\nENV testkey=value\nLABEL key=value\n',
    { name: 'BuildKit check comments', code: '\nFROM scratch\n# check=skip=LegacyKeyValueFormat\nENV testkey value\n# check=skip=LegacyKeyValueFormat\nLABEL key value\n' },
  ],
  invalid: [
    {
      name: 'BuildKit',
      code: '\nFROM scratch\nENV testkey value\nLABEL key value\n',
      lines: [3, 4],
      message: /^`(ENV testkey|LABEL key) …` uses the legacy form without `=`$/,
      output: '\nFROM scratch\nENV testkey=value\nLABEL key=value\n',
    },
    { name: 'a value with spaces is quoted', code: 'FROM alpine\nENV MSG hello $USER world\n', lines: [2], output: 'FROM alpine\nENV MSG="hello $USER world"\n' },
    { name: 'a quoted value stays as it is', code: 'FROM alpine\nENV MSG "hello world"\n', lines: [2], output: 'FROM alpine\nENV MSG="hello world"\n' },
    { name: 'mixed quotes and spaces: no fix', code: 'FROM alpine\nENV MSG it\'s a "test"\n', lines: [2] },
    { name: 'in an unused stage too', code: '\nFROM scratch AS a\n\nFROM a AS b\nENV testkey value\nLABEL key value\n\nFROM a AS c\n', lines: [5, 6], output: '\nFROM scratch AS a\n\nFROM a AS b\nENV testkey=value\nLABEL key=value\n\nFROM a AS c\n' },
  ],
});
