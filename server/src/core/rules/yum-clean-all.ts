import { defineRule } from '../define-rule';
import { checkRpmCacheCleaned } from '../rpm-checks';
import { rpmInvocation } from '../rpm-package-managers';
import type { ShellCommand } from '../shell';

const CACHE = /^\/var\/cache\/(yum|dnf)$/;

export default defineRule({
  id: 'yum-clean-all',
  category: 'size',
  severity: 'warning',
  fixable: 'safe',
  scope: 'shipped-stages',
  aliases: ['DL3032'],
  docs: {
    description: 'A `RUN` of a shipped stage that installs packages with yum runs `yum clean all` after it.',
    rationale:
      'yum keeps the repository metadata and downloaded packages in `/var/cache/yum` (often 100 MB or more). Unless they are removed in the same `RUN`, they stay in the layer: cleaning up in a later `RUN` does not shrink the image.',
    bad: 'FROM centos:7\nRUN yum install -y httpd-2.4.6\n',
    good: 'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3032', 'https://docs.docker.com/build/building/best-practices/#run'],
    differences:
      'hadolint reports every stage; this rule only the shipped ones, as builder stages are not shipped. Removing `/var/cache/yum` or `/var/cache/dnf`, or a cache mount there, also satisfies it.',
  },
  check(ctx) {
    checkRpmCacheCleaned(ctx, { tool: 'yum', cache: CACHE, cleans: isYumCleanAll, cleanCommand: () => 'yum clean all' });
  },
});

function isYumCleanAll(command: ShellCommand): boolean {
  const inv = rpmInvocation(command);
  return inv?.tool === 'yum' && inv.subcommand === 'clean' && inv.operands.some((w) => w.value === 'all');
}
