import { testRule } from '../../helpers/rule-tester';

testRule('yum-clean-all', {
  valid: [
    'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n',
    'FROM centos:7\nRUN yum install -y httpd-2.4.6 && rm -rf /var/cache/yum\n',
    'FROM centos:7\nRUN yum install -y httpd-2.4.6 && rm -rf /var/cache/yum/*\n',
    'FROM centos:7\nRUN --mount=type=cache,target=/var/cache/yum yum install -y httpd-2.4.6\n',
    { name: 'builder stages are not shipped', code: 'FROM centos:7 AS build\nRUN yum install -y gcc-4.8.5\nFROM scratch\nCOPY --from=build /usr/bin/gcc /gcc\n' },
    { name: 'no install', code: 'FROM centos:7\nRUN yum repolist\n' },
  ],
  invalid: [
    {
      code: 'FROM centos:7\nRUN yum install -y httpd-2.4.6\n',
      lines: [2],
      message: /`yum clean all`/,
      output: 'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n',
    },
    {
      name: 'a clean before the install does not count',
      code: 'FROM centos:7\nRUN yum clean all && \\\n    yum update -y\n',
      lines: [3],
      output: 'FROM centos:7\nRUN yum clean all && \\\n    yum update -y && yum clean all\n',
    },
    {
      name: 'yum clean metadata keeps the packages',
      code: 'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean metadata\n',
      lines: [2],
      output: 'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean metadata && yum clean all\n',
    },
    {
      name: 'no fix where nothing can be appended',
      code: 'FROM centos:7\nRUN ["yum", "install", "-y", "httpd-2.4.6"]\n',
      lines: [2],
    },
  ],
});
