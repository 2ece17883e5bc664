import { testRule } from '../../helpers/rule-tester';

testRule('dnf-assume-yes', {
  valid: [
    'FROM fedora:40\nRUN dnf install -y nginx-1.26.1 && dnf clean all\n',
    'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf --assumeyes install shadow-utils-4.9\n',
    'FROM fedora:40\nRUN dnf -y --setopt=install_weak_deps=False upgrade\n',
    'FROM fedora:40\nRUN dnf repolist && dnf makecache\n',
    { name: 'not dnf', code: 'FROM fedora:40\nRUN mydnf install nginx\n' },
  ],
  invalid: [
    {
      code: 'FROM fedora:40\nRUN dnf install nginx-1.26.1\n',
      lines: [2],
      message: /`dnf install` without `-y`/,
      output: 'FROM fedora:40\nRUN dnf install -y nginx-1.26.1\n',
    },
    {
      name: 'microdnf and short subcommand spellings',
      code: 'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf in shadow-utils-4.9 && microdnf up\n',
      lines: [2, 2],
      message: /`microdnf (install|upgrade)` without `-y`/,
      output: 'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf in -y shadow-utils-4.9 && microdnf up -y\n',
    },
    {
      name: 'module enable prompts',
      code: 'FROM fedora:40\nRUN dnf module enable nodejs:20\n',
      lines: [2],
      output: 'FROM fedora:40\nRUN dnf module enable -y nodejs:20\n',
    },
  ],
});
