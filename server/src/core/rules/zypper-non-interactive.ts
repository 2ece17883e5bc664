import { defineRule } from '../define-rule';
import { commandsIn, insertAfterWord } from '../query';
import { assumesYes, rpmInvocation } from '../rpm-package-managers';

/** zypper subcommands that ask for confirmation. */
const PROMPTING = new Set(['install', 'remove', 'update', 'patch', 'dist-upgrade', 'source-install', 'install-new-recommends']);

export default defineRule({
  id: 'zypper-non-interactive',
  category: 'correctness',
  severity: 'warning',
  fixable: 'safe',
  scope: 'all-stages',
  aliases: ['DL3034'],
  docs: {
    description: '`zypper install` (and the other zypper commands that change packages) runs with `-n` (`--non-interactive`).',
    rationale:
      'A build has no one to answer zypper\'s "Continue? [y/n/v/...? shows all options]" prompt: without `-n` (or `-y` on the subcommand) the command fails the build.',
    bad: 'FROM opensuse/leap:15.6\nRUN zypper install httpd=2.4.58 && zypper clean\n',
    good: 'FROM opensuse/leap:15.6\nRUN zypper -n install httpd=2.4.58 && zypper clean\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3034', 'https://en.opensuse.org/SDB:Zypper_manual'],
    differences: 'Besides `install`, the other subcommands that prompt (`update`, `patch`, `dist-upgrade`…) are checked too.',
  },
  check({ model, report }) {
    for (const { command } of commandsIn(model, 'all-stages')) {
      const inv = rpmInvocation(command);
      if (!inv || inv.tool !== 'zypper' || !PROMPTING.has(inv.subcommand) || assumesYes(inv)) continue;
      report({
        range: command.range,
        message: `\`zypper ${inv.subcommand}\` without \`-n\` stops at the confirmation prompt`,
        fix: { title: 'Add `-n`', safety: 'safe', edits: () => [insertAfterWord(model, command.words[0], ' -n')] },
      });
    }
  },
});
