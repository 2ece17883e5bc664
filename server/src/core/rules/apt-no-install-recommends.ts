import { defineRule } from '../define-rule';
import { aptCommand } from '../package-managers';
import { commandsIn, insertAfterWord } from '../query';
import { hasFlag } from '../shell';

export default defineRule({
  id: 'apt-no-install-recommends',
  category: 'size',
  severity: 'warning',
  fixable: 'safe',
  scope: 'shipped-stages',
  aliases: ['DL3015'],
  docs: {
    description: '`apt-get install` in a shipped stage uses `--no-install-recommends`.',
    rationale:
      'By default apt also installs every "recommended" package: documentation, extra tools and libraries the application never loads. On a typical Debian image this adds tens to hundreds of megabytes to the shipped image.',
    bad: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    good: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3015', 'https://docs.docker.com/build/building/best-practices/#apt-get'],
    differences: 'hadolint reports every stage; this rule only the shipped ones, because what a builder stage installs does not reach the final image.',
  },
  check({ model, report }) {
    for (const { command } of commandsIn(model, 'shipped-stages')) {
      const install = aptCommand(command, ['install']);
      if (!install) continue;
      if (hasFlag(command, '--no-install-recommends')) continue;
      if (command.args.some((w) => /APT::Install-Recommends=("?)(false|0|no)\1/i.test(w.value))) continue;
      report({
        range: command.range,
        message: '`apt-get install` without `--no-install-recommends` also installs recommended packages',
        fix: {
          title: 'Add `--no-install-recommends`',
          safety: 'safe',
          edits: () => [insertAfterWord(model, install, ' --no-install-recommends')],
        },
      });
    }
  },
});
