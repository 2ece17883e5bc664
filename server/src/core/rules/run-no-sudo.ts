import { defineRule } from '../define-rule';
import { commandsIn } from '../query';

export default defineRule({
  id: 'run-no-sudo',
  category: 'security',
  severity: 'warning',
  fixable: 'unsafe',
  scope: 'all-stages',
  aliases: ['DL3004'],
  docs: {
    description: '`RUN` does not use `sudo`; a step that needs root runs after `USER root`.',
    rationale:
      'Build steps already run as the stage\'s `USER`, root unless you changed it. `sudo` needs a TTY-less configuration, adds a setuid binary that the image then ships, and hides which user a step really runs as. Switch with `USER root` around the steps that need it, and use a tool such as `gosu` or `su-exec` in entrypoints.',
    bad: 'FROM debian:bookworm-slim\nRUN sudo apt-get update\n',
    good: 'FROM debian:bookworm-slim\nRUN apt-get update\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3004', 'https://docs.docker.com/build/building/best-practices/#user'],
  },
  check({ model, report }) {
    for (const { command } of commandsIn(model, 'all-stages')) {
      if (!command.wrappers.includes('sudo')) continue;
      const prefix = model.text.slice(command.start, command.words[0].start);
      const plain = command.wrappers.length === 1 && (/^sudo[ \t]+$/.test(prefix) || /^"sudo"[ \t]*,[ \t]*$/.test(prefix));
      const range = { start: model.positionAt(command.start), end: model.positionAt(command.words[0].start) };
      report({
        range: { start: range.start, end: model.positionAt(command.start + prefix.replace(/[\s,]+$/, '').length) },
        message: `\`sudo ${command.words[0].value}\` in \`RUN\`; the step already runs as the stage's user, use \`USER root\` if it needs root`,
        // Without `sudo` the command runs as the current `USER`: the same as before when that is root.
        fix: plain ? { title: 'Remove `sudo`', safety: 'unsafe', edits: () => [{ range, newText: '' }] } : undefined,
      });
    }
  },
});
