import { defineRule } from '../define-rule';
import { appendCommand, hasCacheMount, runsIn } from '../query';
import { installs, removesFolder, rpmInvocation } from '../rpm-package-managers';

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
  check({ model, report }) {
    for (const instr of runsIn(model, 'shipped-stages')) {
      if (hasCacheMount(instr, CACHE)) continue;
      const script = model.shell(instr);
      const install = script.commands.find((c) => {
        const inv = rpmInvocation(c);
        if (inv?.tool !== 'yum' || !installs(inv)) return false;
        return !script.commands.some((later) => later.start > c.start && (isYumClean(later) || removesFolder(later, CACHE)));
      });
      if (!install) continue;
      const edit = appendCommand(model, script, 'yum clean all');
      report({
        range: install.range,
        message: 'The yum cache stays in this layer; run `yum clean all` in the same `RUN`',
        fix: edit && { title: 'Run `yum clean all` at the end of this `RUN`', safety: 'safe', edits: () => [edit] },
      });
    }
  },
});

function isYumClean(command: Parameters<typeof rpmInvocation>[0]): boolean {
  const inv = rpmInvocation(command);
  return inv?.tool === 'yum' && inv.subcommand === 'clean' && inv.operands.some((w) => w.value === 'all');
}
