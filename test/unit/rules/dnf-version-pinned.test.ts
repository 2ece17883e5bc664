import { testRule } from '../../helpers/rule-tester';

testRule('dnf-version-pinned', {
  valid: [
    'FROM fedora:40\nRUN dnf install -y httpd-2.4.6 && dnf clean all\n',
    'FROM fedora:40\nRUN dnf install -y openssl-1:1.0.2k python3-pip-9.0.3-8.el7 gcc-c++-4.8.5\n',
    'FROM fedora:40\nRUN dnf module install -y nodejs:18/common\n',
    'FROM fedora:40\nRUN dnf install -y /tmp/app.rpm https://example.com/tool.rpm @development\n',
    'FROM fedora:40\nRUN dnf groupinstall -y "Development Tools"\n',
    'FROM fedora:40\nRUN dnf update -y\n',
    { name: 'a version from an ARG in scope', code: 'FROM fedora:40\nARG HTTPD_VERSION=2.4.6\nRUN dnf install -y httpd-${HTTPD_VERSION}\n' },
    { name: 'a version from an ENV of the base stage', code: 'FROM fedora:40 AS base\nENV V=2.4.6\nFROM base\nRUN dnf install -y httpd-$V\n' },
    { name: 'a package named by a variable', code: 'FROM fedora:40\nARG PKG\nRUN dnf install -y $PKG\n' },
    { name: 'builder stages are not shipped', code: 'FROM fedora:40 AS build\nRUN dnf install -y gcc\nFROM scratch\nCOPY --from=build /usr/bin/gcc /gcc\n' },
  ],
  invalid: [
    { code: 'FROM fedora:40\nRUN dnf install -y httpd && dnf clean all\n', lines: [2], message: /Package `httpd` is not pinned to a version: use `httpd-<version>`/ },
    {
      name: 'each unpinned package, with option values skipped',
      code: 'FROM fedora:40\nRUN dnf --enablerepo epel install -y jq-1.6 java-17-openjdk \\\n    python3\n',
      lines: [2, 3],
    },
    { name: 'modules need a stream', code: 'FROM fedora:40\nRUN dnf module install -y nodejs\n', lines: [2], message: /`nodejs:<stream>`/ },
    {
      name: 'an ENV of an unrelated stage is not in scope',
      code: 'FROM fedora:40 AS other\nENV V=2.4.6\nFROM fedora:40\nRUN dnf install -y httpd-${V}\n',
      lines: [4],
      message: /has no version: its variable is not set in this stage/,
    },
  ],
});

testRule('dnf-version-pinned', {
  valid: ['FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y shadow-utils-4.9 && microdnf clean all\n', 'FROM fedora:40\nRUN dnf install -y "nginx >= 1.24"\n'],
  invalid: [{ name: 'microdnf', code: 'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y shadow-utils\n', lines: [2] }],
});
