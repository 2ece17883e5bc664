import { defineRule } from '../define-rule';
import { commandsIn } from '../query';
import { rpmInvocation } from '../rpm-package-managers';

export default defineRule({
  id: 'zypper-no-dist-upgrade',
  category: 'reproducibility',
  severity: 'warning',
  fixable: false,
  scope: 'all-stages',
  aliases: ['DL3035'],
  docs: {
    description: 'A `RUN` does not run `zypper dist-upgrade` (`zypper dup`).',
    rationale:
      'A distribution upgrade moves the image to whatever the repositories hold on the day of the build, possibly a new release of the base system: the same Dockerfile builds a different image each time. Use a newer base image instead, and `zypper patch` or `zypper update` for fixes.',
    bad: 'FROM opensuse/tumbleweed\nRUN zypper -n dist-upgrade\n',
    good: 'FROM opensuse/tumbleweed\nRUN zypper -n patch\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3035', 'https://en.opensuse.org/SDB:Zypper_manual'],
  },
  check({ model, report }) {
    for (const { command } of commandsIn(model, 'all-stages')) {
      const inv = rpmInvocation(command);
      if (inv?.tool !== 'zypper' || inv.subcommand !== 'dist-upgrade') continue;
      report({ range: command.range, message: `\`zypper ${inv.subcommandWord.value}\` upgrades the whole distribution at build time` });
    }
  },
});
