import { defineRule } from '../define-rule';
import { commandsIn } from '../query';
import { positionals } from '../shell';

const SH = /^\/(usr\/)?bin\/sh$/;

export default defineRule({
  id: 'shell-changed-with-instruction',
  category: 'correctness',
  severity: 'warning',
  fixable: 'unsafe',
  scope: 'all-stages',
  aliases: ['DL4005'],
  docs: {
    description: 'The shell for `RUN` is changed with `SHELL`, not by linking `/bin/sh` to another shell.',
    rationale:
      'Replacing `/bin/sh` with a link to bash changes the shell of every script and program in the image, at build time and at run time, and package upgrades may put the link back. `SHELL ["/bin/bash", "-c"]` changes only the shell that runs the `RUN` instructions, and says so in the Dockerfile.',
    bad: 'FROM debian:bookworm-slim\nRUN ln -sf /bin/bash /bin/sh\n',
    good: 'FROM debian:bookworm-slim\nSHELL ["/bin/bash", "-c"]\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL4005', 'https://docs.docker.com/reference/dockerfile/#shell'],
    differences:
      'When the `RUN` only makes the link, the fix replaces it with a `SHELL` instruction; it is unsafe because programs in the running container no longer get that shell as `/bin/sh`.',
  },
  check({ model, report }) {
    for (const { instr, script, command } of commandsIn(model, 'all-stages')) {
      if (command.name !== 'ln') continue;
      const operands = positionals(command);
      const link = operands[operands.length - 1];
      if (!link || operands.length < 2 || !SH.test(link.value) || !command.args.some((w) => /^-[a-zA-Z]*s/.test(w.value) || w.value === '--symbolic')) continue;
      const target = operands[0].value;
      const only = script.commands.length === 1 && !script.heredoc && !instr.onbuild && /^\/[\w/.-]+$/.test(target);
      report({
        range: command.range,
        message: `Linking \`${link.value}\` to \`${target}\` changes the shell of the whole image: use \`SHELL\` for \`RUN\``,
        fix: only
          ? {
              title: `Replace with \`SHELL ["${target}", "-c"]\``,
              safety: 'unsafe',
              edits: () => [{ range: instr.range, newText: `SHELL ${JSON.stringify([target, '-c']).replace(/","/g, '", "')}` }],
            }
          : undefined,
      });
    }
  },
});
