import { defineRule } from '../define-rule';
import { subcommandWord } from '../package-managers';
import type { DockerfileModel } from '../model';
import { commandsIn } from '../query';
import type { ShellWord } from '../shell';
import type { Edit } from '../types';

/** Subcommands that mean the same to `apt-get` as to `apt`. */
const SAME_IN_APT_GET = new Set(['update', 'upgrade', 'install', 'reinstall', 'remove', 'purge', 'autoremove', 'dist-upgrade', 'clean', 'autoclean', 'source', 'build-dep', 'download', 'satisfy']);

/** Appends `-get` to the `apt` the word ends with, inside its quotes in a JSON or quoted word. */
function aptGetEdit(model: DockerfileModel, word: ShellWord): Edit | undefined {
  const apt = model.text.lastIndexOf('apt', word.end - 3);
  if (apt < word.start) return undefined;
  const at = model.positionAt(apt + 3);
  return { range: { start: at, end: at }, newText: '-get' };
}

export default defineRule({
  id: 'apt-get-not-apt',
  category: 'correctness',
  severity: 'warning',
  fixable: 'safe',
  scope: 'all-stages',
  aliases: ['DL3027'],
  docs: {
    description: 'Scripts use `apt-get`, not `apt`.',
    rationale:
      '`apt` is the interactive front end: its output and behaviour may change between releases and it warns "apt does not have a stable CLI interface" when used in scripts. `apt-get` is the stable interface meant for automation.',
    bad: 'FROM debian:bookworm-slim\nRUN apt update && apt install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    good: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3027', 'https://manpages.debian.org/bookworm/apt/apt.8.en.html#SCRIPT_USAGE_AND_DIFFERENCES_FROM_OTHER_APT_TOOLS'],
  },
  check({ model, report }) {
    for (const { command } of commandsIn(model, 'all-stages')) {
      if (command.name !== 'apt') continue;
      const sub = subcommandWord(command);
      const name = command.words[0];
      const edit = sub && SAME_IN_APT_GET.has(sub.value) && name.static ? aptGetEdit(model, name) : undefined;
      report({
        range: name.range,
        message: '`apt` has no stable command-line interface for scripts; use `apt-get`',
        fix: edit ? { title: 'Use `apt-get`', safety: 'safe', edits: () => [edit] } : undefined,
      });
    }
  },
});
