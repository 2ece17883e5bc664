import { defineRule } from '../define-rule';
import { aptCommand } from '../package-managers';
import { commandsIn, insertAfterWord } from '../query';
import { hasFlag, type ShellCommand } from '../shell';

/** apt's quiet level: each `q` of `-q`/`-qq` and each `--quiet` adds one, `-q=N` sets it; level 2 implies `-y`. */
function quietLevel(command: ShellCommand): number {
  let level = 0;
  for (const { value } of command.args) {
    if (value === '--') break;
    const set = /^(?:-q|--quiet)=(\d+)$/.exec(value);
    if (set) level = Number(set[1]);
    else if (value === '--quiet') level++;
    else if (/^-[a-zA-Z]+$/.test(value)) level += value.split('q').length - 1;
  }
  return level;
}

export default defineRule({
  id: 'apt-assume-yes',
  category: 'correctness',
  severity: 'warning',
  fixable: 'safe',
  scope: 'all-stages',
  aliases: ['DL3014'],
  docs: {
    description: '`apt-get install` runs with `-y`.',
    rationale:
      'A build has no one to answer apt\'s "Do you want to continue?" prompt: without `-y` the install aborts as soon as it needs confirmation, which depends on what the package pulls in and can start failing at any time.',
    bad: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    good: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3014', 'https://manpages.debian.org/bookworm/apt/apt-get.8.en.html'],
  },
  check({ model, report }) {
    for (const { command } of commandsIn(model, 'all-stages')) {
      const install = aptCommand(command, ['install']);
      if (!install) continue;
      if (hasFlag(command, '-y', '--yes', '--assume-yes') || quietLevel(command) >= 2) continue;
      // A simulation asks nothing.
      if (hasFlag(command, '-s', '--simulate', '--just-print', '--dry-run', '--recon', '--no-act')) continue;
      report({
        range: command.range,
        message: '`apt-get install` without `-y` stops at the confirmation prompt',
        fix: { title: 'Add `-y`', safety: 'safe', edits: () => [insertAfterWord(model, install, ' -y')] },
      });
    }
  },
});
