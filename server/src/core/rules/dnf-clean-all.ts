import { defineRule } from '../define-rule';
import { checkRpmCacheCleaned } from '../rpm-checks';
import { rpmInvocation } from '../rpm-package-managers';
import type { ShellCommand } from '../shell';

const CACHE = /^\/var\/cache\/(yum|dnf|libdnf5)$/;

export default defineRule({
  id: 'dnf-clean-all',
  category: 'size',
  severity: 'warning',
  fixable: 'safe',
  scope: 'shipped-stages',
  aliases: ['DL3040'],
  docs: {
    description: 'A `RUN` of a shipped stage that installs packages with dnf or microdnf runs `dnf clean all` (`microdnf clean all`) after it.',
    rationale:
      'dnf keeps the repository metadata in `/var/cache/dnf` (`/var/cache/libdnf5` with dnf5, `/var/cache/yum` with microdnf), often tens of megabytes. Unless it is removed in the same `RUN`, it stays in the layer: cleaning up in a later `RUN` does not shrink the image.',
    bad: 'FROM fedora:40\nRUN dnf install -y httpd-2.4.62\n',
    good: 'FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3040', 'https://dnf.readthedocs.io/en/latest/command_ref.html#clean-command'],
    differences:
      'hadolint reports every stage; this rule only the shipped ones, as builder stages are not shipped. Removing `/var/cache/dnf`, `/var/cache/libdnf5` or `/var/cache/yum`, or a cache mount there, also satisfies it.',
  },
  check(ctx) {
    checkRpmCacheCleaned(ctx, { tool: 'dnf', cache: CACHE, cleans: (later, install) => isCleanAll(later, install.name), cleanCommand: (install) => `${install.name} clean all` });
  },
});

/** `dnf clean all` by the same program that installed (`microdnf` keeps its own cache). */
function isCleanAll(command: ShellCommand, name: string): boolean {
  const inv = rpmInvocation(command);
  return command.name === name && inv?.subcommand === 'clean' && inv.operands.some((w) => w.value === 'all');
}
