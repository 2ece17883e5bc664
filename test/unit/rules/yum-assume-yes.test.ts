import { testRule } from '../../helpers/rule-tester';

testRule('yum-assume-yes', {
  valid: [
    'FROM rockylinux:9\nRUN yum -y install nginx-1.20.1 && yum clean all\n',
    'FROM rockylinux:9\nRUN yum install --assumeyes nginx-1.20.1\n',
    'FROM rockylinux:9\nRUN yum makecache\n',
    'FROM rockylinux:9\nRUN yum clean all\n',
    { name: 'a word that only contains yum', code: 'FROM rockylinux:9\nRUN echo yum install nginx\n' },
    { name: 'dnf is another rule', code: 'FROM fedora:40\nRUN dnf install nginx\n' },
  ],
  invalid: [
    {
      code: 'FROM rockylinux:9\nRUN yum install nginx-1.20.1 && yum clean all\n',
      lines: [2],
      message: /`yum install` without `-y`/,
      output: 'FROM rockylinux:9\nRUN yum install -y nginx-1.20.1 && yum clean all\n',
    },
    {
      name: 'group and module installs get -y after their last subcommand word',
      code: 'FROM rockylinux:9\nRUN yum group install "Development Tools" && \\\n    yum --enablerepo epel module install nodejs:18\n',
      lines: [2, 3],
      output: 'FROM rockylinux:9\nRUN yum group install -y "Development Tools" && \\\n    yum --enablerepo epel module install -y nodejs:18\n',
    },
    {
      name: 'remove prompts too, also in a builder stage and behind sudo',
      code: 'FROM rockylinux:9 AS build\nRUN sudo yum remove vim-minimal\nFROM scratch\nCOPY --from=build /etc/os-release /\n',
      lines: [2],
      output: 'FROM rockylinux:9 AS build\nRUN sudo yum remove -y vim-minimal\nFROM scratch\nCOPY --from=build /etc/os-release /\n',
    },
    {
      name: 'exec form gets a new JSON string',
      code: 'FROM rockylinux:9\nRUN ["yum", "install", "nginx-1.20.1"]\n',
      lines: [2],
      output: 'FROM rockylinux:9\nRUN ["yum", "install", "-y", "nginx-1.20.1"]\n',
    },
    {
      name: 'an ONBUILD trigger',
      code: 'FROM rockylinux:9\nONBUILD RUN yum update\n',
      lines: [2],
      output: 'FROM rockylinux:9\nONBUILD RUN yum update -y\n',
    },
  ],
});
