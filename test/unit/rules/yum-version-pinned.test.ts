import { testRule } from '../../helpers/rule-tester';

testRule('yum-version-pinned', {
  valid: [
    'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n',
    'FROM centos:7\nRUN yum install -y openssl-1:1.0.2k python3-pip-9.0.3-8.el7 gcc-c++-4.8.5\n',
    'FROM centos:7\nRUN yum module install -y nodejs:18/common\n',
    'FROM centos:7\nRUN yum install -y /tmp/app.rpm https://example.com/tool.rpm @development\n',
    'FROM centos:7\nRUN yum groupinstall -y "Development Tools"\n',
    'FROM centos:7\nRUN yum update -y\n',
    { name: 'a version from an ARG in scope', code: 'FROM centos:7\nARG HTTPD_VERSION=2.4.6\nRUN yum install -y httpd-${HTTPD_VERSION}\n' },
    { name: 'a version from an ENV of the base stage', code: 'FROM centos:7 AS base\nENV V=2.4.6\nFROM base\nRUN yum install -y httpd-$V\n' },
    { name: 'a package named by a variable', code: 'FROM centos:7\nARG PKG\nRUN yum install -y $PKG\n' },
    { name: 'builder stages are not shipped', code: 'FROM centos:7 AS build\nRUN yum install -y gcc\nFROM scratch\nCOPY --from=build /usr/bin/gcc /gcc\n' },
  ],
  invalid: [
    { code: 'FROM centos:7\nRUN yum install -y httpd && yum clean all\n', lines: [2], message: /Package `httpd` is not pinned to a version: use `httpd-<version>`/ },
    {
      name: 'each unpinned package, with option values skipped',
      code: 'FROM centos:7\nRUN yum --enablerepo epel install -y jq-1.6 java-17-openjdk \\\n    python3\n',
      lines: [2, 3],
    },
    { name: 'modules need a stream', code: 'FROM centos:7\nRUN yum module install -y nodejs\n', lines: [2], message: /`nodejs:<stream>`/ },
    {
      name: 'an ENV of an unrelated stage is not in scope',
      code: 'FROM centos:7 AS other\nENV V=2.4.6\nFROM centos:7\nRUN yum install -y httpd-${V}\n',
      lines: [4],
      message: /has no version: its variable is not set in this stage/,
    },
  ],
});
