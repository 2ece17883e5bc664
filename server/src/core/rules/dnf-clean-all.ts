import { defineRule } from '../define-rule';
import { appendCommand, hasCacheMount, runsIn } from '../query';
import { installs, removesFolder, rpmInvocation } from '../rpm-package-managers';
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
  check({ model, report }) {
    for (const instr of runsIn(model, 'shipped-stages')) {
      if (hasCacheMount(instr, CACHE)) continue;
      const script = model.shell(instr);
      const install = script.commands.find((c) => {
        const inv = rpmInvocation(c);
        if (inv?.tool !== 'dnf' || !installs(inv)) return false;
        return !script.commands.some((later) => later.start > c.start && (isCleanAll(later, c.name) || removesFolder(later, CACHE)));
      });
      if (!install) continue;
      const clean = `${install.name} clean all`;
      const edit = appendCommand(model, script, clean);
      report({
        range: install.range,
        message: `The ${install.name} cache stays in this layer; run \`${clean}\` in the same \`RUN\``,
        fix: edit && { title: `Run \`${clean}\` at the end of this \`RUN\``, safety: 'safe', edits: () => [edit] },
      });
    }
  },
});

/** `dnf clean all` by the same program that installed (`microdnf` keeps its own cache). */
function isCleanAll(command: ShellCommand, name: string): boolean {
  const inv = rpmInvocation(command);
  return command.name === name && inv?.subcommand === 'clean' && inv.operands.some((w) => w.value === 'all');
}
