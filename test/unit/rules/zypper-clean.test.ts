import { testRule } from '../../helpers/rule-tester';

testRule('zypper-clean', {
  valid: [
    'FROM opensuse/leap:15.6\nRUN zypper -n install curl=8.6.0 && zypper clean -a\n',
    'FROM opensuse/leap:15.6\nRUN zypper -n in curl=8.6.0 && zypper cc\n',
    'FROM opensuse/leap:15.6\nRUN zypper -n in curl=8.6.0 && rm -rf /var/cache/zypp/*\n',
    'FROM opensuse/leap:15.6\nRUN --mount=type=cache,target=/var/cache/zypp zypper -n in curl=8.6.0\n',
    { name: 'builder stages are not shipped', code: 'FROM opensuse/leap:15.6 AS build\nRUN zypper -n in gcc=7.5\nFROM scratch\nCOPY --from=build /usr/bin/gcc /gcc\n' },
  ],
  invalid: [
    {
      code: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl=8.6.0\n',
      lines: [2],
      message: /`zypper clean`/,
      output: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl=8.6.0 && zypper clean\n',
    },
    {
      name: 'a clean before the install does not count',
      code: 'FROM opensuse/leap:15.6\nRUN zypper clean && zypper -n patch\n',
      lines: [2],
      output: 'FROM opensuse/leap:15.6\nRUN zypper clean && zypper -n patch && zypper clean\n',
    },
  ],
});
