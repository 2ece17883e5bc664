import { testRule } from '../../helpers/rule-tester';

const ON = '# check=experimental=InvalidDefinitionDescription\n';

testRule('instruction-description-format', {
  valid: [
    { name: 'off unless BuildKit\'s experimental check is enabled', code: '# bar this is the bar\nARG foo=bar\n' },
    {
      name: 'BuildKit: skip=all does not turn an enabled experimental check off, and good comments pass',
      code: '# check=skip=all;experimental=InvalidDefinitionDescription\n# foo this is the foo\nARG foo=bar\n\n# base this is the base image\nFROM scratch AS base\n\n# version this is the version number\nARG version=latest\n\n# baz this is the baz\nARG foo=baz bar=qux baz=quux\n#\nARG bit=bat\n\n# comment for something other than ARG or FROM\nCOPY Dockerfile .\n',
    },
    { name: 'an empty line separates a comment', code: `${ON}# just a note\n\nARG foo=bar\n` },
    { name: 'experimental=all', code: '# check=experimental=all\n# foo the foo\nARG foo=bar\n' },
  ],
  invalid: [
    {
      name: 'BuildKit',
      code: `${ON}# bar this is the bar\nARG foo=bar\n# BasE this is the BasE image\nFROM scratch AS base\n# definitely a bad comment\nARG version=latest\n# definitely a bad comment\nARG foo=baz bar=qux baz=quux\n`,
      lines: [3, 5, 7, 9],
      message: /^The comment above `(ARG|FROM)` should start with (`\w+`|one of `foo`, `bar`, `baz`) to describe it$/,
    },
  ],
});
