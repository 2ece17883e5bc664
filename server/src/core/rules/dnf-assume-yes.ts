import { defineRule } from '../define-rule';
import { commandsIn, insertAfterWord } from '../query';
import { assumesYes, rpmInvocation } from '../rpm-package-managers';

/** dnf subcommands that ask for confirmation. */
const PROMPTING = new Set(['install', 'reinstall', 'upgrade', 'upgrade-minimal', 'downgrade', 'distro-sync', 'remove', 'autoremove', 'group install', 'group upgrade', 'group remove', 'module install', 'module remove', 'module enable', 'module reset']);

export default defineRule({
  id: 'dnf-assume-yes',
  category: 'correctness',
  severity: 'warning',
  fixable: 'safe',
  scope: 'all-stages',
  aliases: ['DL3038'],
  docs: {
    description: '`dnf install` and `microdnf install` (and the other commands that change packages) run with `-y`.',
    rationale:
      'A build has no one to answer the "Is this ok [y/N]" prompt: without `-y` the command reads end-of-file, answers no and fails the build.',
    bad: 'FROM fedora:40\nRUN dnf install httpd-2.4.62 && dnf clean all\n',
    good: 'FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3038', 'https://dnf.readthedocs.io/en/latest/command_ref.html'],
    differences: 'Besides `install`, the other subcommands that prompt (`upgrade`, `remove`, `module enable`…) are checked too.',
  },
  check({ model, report }) {
    for (const { command } of commandsIn(model, 'all-stages')) {
      const inv = rpmInvocation(command);
      if (!inv || inv.tool !== 'dnf' || !PROMPTING.has(inv.subcommand) || assumesYes(inv)) continue;
      report({
        range: command.range,
        message: `\`${command.name} ${inv.subcommand}\` without \`-y\` stops at the confirmation prompt`,
        fix: { title: 'Add `-y`', safety: 'safe', edits: () => [insertAfterWord(model, inv.subcommandWord, ' -y')] },
      });
    }
  },
});
