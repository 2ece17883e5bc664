import { defineRule } from '../define-rule';
import { aptCommand, removesAptLists } from '../package-managers';
import { canAppendTo, hasCacheMount, runsIn } from '../query';

export default defineRule({
  id: 'apt-lists-removed',
  category: 'size',
  severity: 'warning',
  fixable: 'safe',
  scope: 'shipped-stages',
  aliases: ['DL3009'],
  docs: {
    description: 'A `RUN` of a shipped stage that runs `apt-get update` and installs packages removes `/var/lib/apt/lists` in the same `RUN`.',
    rationale:
      'The package lists that `apt-get update` downloads (often 20–50 MB) stay in the layer unless they are removed in the same `RUN`; deleting them in a later `RUN` does not shrink the image.',
    bad: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n',
    good: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3009', 'https://docs.docker.com/build/building/best-practices/#apt-get'],
    differences:
      'hadolint reports every stage; this rule only the shipped ones. A `RUN` with `apt-get update` but no install is reported by `apt-update-with-install` instead, whose fix moves the update next to the install.',
  },
  check({ model, report }) {
    for (const instr of runsIn(model, 'shipped-stages')) {
      const script = model.shell(instr);
      const apt = script.commands.find((c) => aptCommand(c, ['install', 'upgrade', 'dist-upgrade']));
      if (!apt || !script.commands.some((c) => aptCommand(c, ['update']))) continue;
      if (script.commands.some(removesAptLists)) continue;
      if (hasCacheMount(instr, '/var/lib/apt/lists') || hasCacheMount(instr, '/var/lib/apt')) continue;
      const at = model.positionAt(script.end);
      report({
        range: apt.range,
        message: 'The apt package lists stay in this layer; remove `/var/lib/apt/lists/*` in the same `RUN`',
        fix: canAppendTo(script, model)
          ? {
              title: 'Remove the apt lists at the end of this `RUN`',
              safety: 'safe',
              edits: () => [{ range: { start: at, end: at }, newText: ' && rm -rf /var/lib/apt/lists/*' }],
            }
          : undefined,
      });
    }
  },
});
