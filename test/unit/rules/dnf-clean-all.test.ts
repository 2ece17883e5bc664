import { testRule } from '../../helpers/rule-tester';

testRule('dnf-clean-all', {
  valid: [
    'FROM fedora:40\nRUN dnf install -y nginx-1.26.1 && dnf clean all\n',
    'FROM fedora:41\nRUN dnf5 install -y nginx-1.26.1 && rm -rf /var/cache/libdnf5\n',
    'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y tar-1.34 && microdnf clean all\n',
    'FROM fedora:40\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y nginx-1.26.1\n',
    'FROM fedora:40\nRUN dnf -y group install "Development Tools" && rm -rf /var/cache/dnf/*\n',
    { name: 'builder stages are not shipped', code: 'FROM fedora:40 AS build\nRUN dnf install -y gcc-14.1.1\nFROM scratch\nCOPY --from=build /usr/bin/gcc /gcc\n' },
  ],
  invalid: [
    {
      code: 'FROM fedora:40\nRUN dnf install -y nginx-1.26.1\n',
      lines: [2],
      message: /`dnf clean all`/,
      output: 'FROM fedora:40\nRUN dnf install -y nginx-1.26.1 && dnf clean all\n',
    },
    {
      name: 'microdnf keeps its own cache: another program cleaning does not count',
      code: 'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y tar-1.34 && dnf clean all\n',
      lines: [2],
      message: /`microdnf clean all`/,
      output: 'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y tar-1.34 && dnf clean all && microdnf clean all\n',
    },
    {
      name: 'upgrades fill the cache too; a clean before them does not count',
      code: 'FROM fedora:40\nRUN rm -rf /var/cache/dnf && dnf -y upgrade-minimal\n',
      lines: [2],
      output: 'FROM fedora:40\nRUN rm -rf /var/cache/dnf && dnf -y upgrade-minimal && dnf clean all\n',
    },
    {
      name: 'an ONBUILD trigger of the final stage',
      code: 'FROM fedora:40\nONBUILD RUN dnf install -y nginx-1.26.1\n',
      lines: [2],
      output: 'FROM fedora:40\nONBUILD RUN dnf install -y nginx-1.26.1 && dnf clean all\n',
    },
  ],
});
