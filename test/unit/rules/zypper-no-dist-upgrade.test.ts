import { testRule } from '../../helpers/rule-tester';

testRule('zypper-no-dist-upgrade', {
  valid: [
    'FROM opensuse/leap:15.6\nRUN zypper -n patch\n',
    'FROM opensuse/leap:15.6\nRUN zypper -n update\n',
    { name: 'apt dist-upgrade is not zypper', code: 'FROM debian:bookworm\nRUN apt-get dist-upgrade -y\n' },
  ],
  invalid: [
    { code: 'FROM opensuse/tumbleweed\nRUN zypper -n dist-upgrade\n', lines: [2], message: /`zypper dist-upgrade` upgrades the whole distribution/ },
    { name: 'the short form', code: 'FROM opensuse/tumbleweed\nRUN zypper refresh && zypper -n dup --no-recommends\n', lines: [2], message: /`zypper dup`/ },
  ],
});
