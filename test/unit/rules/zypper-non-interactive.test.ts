import { testRule } from '../../helpers/rule-tester';

testRule('zypper-non-interactive', {
  valid: [
    'FROM opensuse/leap:15.6\nRUN zypper -n install curl=8.6.0 && zypper clean\n',
    'FROM opensuse/leap:15.6\nRUN zypper --non-interactive in curl=8.6.0\n',
    'FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0\n',
    'FROM opensuse/leap:15.6\nRUN zypper in --no-confirm curl=8.6.0\n',
    'FROM opensuse/leap:15.6\nRUN zypper refresh && zypper search curl\n',
  ],
  invalid: [
    {
      code: 'FROM opensuse/leap:15.6\nRUN zypper install curl=8.6.0 && zypper clean\n',
      lines: [2],
      message: /`zypper install` without `-n`/,
      output: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl=8.6.0 && zypper clean\n',
    },
    {
      name: 'patch and remove too',
      code: 'FROM opensuse/leap:15.6\nRUN zypper --gpg-auto-import-keys patch && zypper rm vim\n',
      lines: [2, 2],
      output: 'FROM opensuse/leap:15.6\nRUN zypper -n --gpg-auto-import-keys patch && zypper -n rm vim\n',
    },
  ],
});
