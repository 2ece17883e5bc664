import { testRule } from '../../helpers/rule-tester';

testRule('zypper-version-pinned', {
  valid: [
    'FROM opensuse/leap:15.6\nRUN zypper -n install curl=8.6.0 && zypper clean\n',
    'FROM opensuse/leap:15.6\nRUN zypper -n in "curl>=8.6" curl\\<9 /tmp/tool-1.0-1.x86_64.rpm\n',
    'FROM opensuse/leap:15.6\nRUN zypper -n in -t pattern devel_basis\n',
    'FROM opensuse/leap:15.6\nRUN zypper -n update\n',
    { name: 'builder stages are not shipped', code: 'FROM opensuse/leap:15.6 AS build\nRUN zypper -n in gcc\nFROM scratch\nCOPY --from=build /usr/bin/gcc /gcc\n' },
  ],
  invalid: [
    { code: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl && zypper clean\n', lines: [2], message: /Package `curl` is not pinned to a version: use `curl=<version>`/ },
    { name: 'each unpinned package', code: 'FROM opensuse/leap:15.6\nRUN zypper -n --gpg-auto-import-keys in -r oss curl=8.6.0 \\\n    git \\\n    vim\n', lines: [3, 4] },
  ],
});
