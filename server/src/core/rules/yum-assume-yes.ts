import { defineRule } from '../define-rule';
import { commandsIn, insertAfterWord } from '../query';
import { assumesYes, rpmInvocation } from '../rpm-package-managers';

/** yum subcommands that ask for confirmation. */
const PROMPTING = new Set(['install', 'reinstall', 'upgrade', 'upgrade-minimal', 'downgrade', 'distro-sync', 'remove', 'autoremove', 'group install', 'group upgrade', 'group remove', 'module install', 'module remove']);

export default defineRule({
  id: 'yum-assume-yes',
  category: 'correctness',
  severity: 'warning',
  fixable: 'safe',
  scope: 'all-stages',
  aliases: ['DL3030'],
  docs: {
    description: '`yum install` (and the other yum commands that change packages) runs with `-y`.',
    rationale:
      'A build has no one to answer yum\'s "Is this ok [y/N]" prompt: without `-y` the command reads end-of-file, answers no and fails the build.',
    bad: 'FROM centos:7\nRUN yum install httpd-2.4.6 && yum clean all\n',
    good: 'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3030', 'https://man7.org/linux/man-pages/man8/yum.8.html'],
    differences: 'Besides `install`, the other subcommands that prompt (`upgrade`, `remove`, `group install`…) are checked too.',
  },
  check({ model, report }) {
    for (const { command } of commandsIn(model, 'all-stages')) {
      const inv = rpmInvocation(command);
      if (!inv || inv.tool !== 'yum' || !PROMPTING.has(inv.subcommand) || assumesYes(inv)) continue;
      report({
        range: command.range,
        message: `\`yum ${inv.subcommand}\` without \`-y\` stops at the confirmation prompt`,
        fix: { title: 'Add `-y`', safety: 'safe', edits: () => [insertAfterWord(model, inv.subcommandWord, ' -y')] },
      });
    }
  },
});
