import { defineRule } from '../define-rule';
import { stagesIn } from '../query';

const TOOLS = new Set(['wget', 'curl']);

export default defineRule({
  id: 'stage-single-download-tool',
  category: 'size',
  severity: 'info',
  fixable: false,
  scope: 'shipped-stages',
  aliases: ['DL4001'],
  docs: {
    description: 'A shipped stage downloads with either `curl` or `wget`, not both.',
    rationale:
      'Both tools do the same job here; shipping both means two packages (and their libraries) to keep patched and twice the attack surface. Pick one and use it for every download.',
    bad: 'FROM debian:bookworm-slim\nRUN curl -fsSLO https://example.com/a.tar.gz\nRUN wget -q https://example.com/b.tar.gz\n',
    good: 'FROM debian:bookworm-slim\nRUN curl -fsSLO https://example.com/a.tar.gz\nRUN curl -fsSLO https://example.com/b.tar.gz\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL4001'],
    differences: 'hadolint reports every stage; this rule only the shipped ones, as the tools of a builder stage are not shipped.',
  },
  check({ model, report }) {
    for (const stage of stagesIn(model, 'shipped-stages')) {
      const seen = new Set<string>();
      for (const instr of stage.instructions) {
        const run = instr.keyword === 'RUN' ? instr : instr.trigger?.keyword === 'RUN' ? instr.trigger : undefined;
        if (!run) continue;
        const uses = model.shell(run).commands.filter((c) => TOOLS.has(c.name));
        uses.forEach((c) => seen.add(c.name));
        if (uses.length === 0 || seen.size < TOOLS.size) continue;
        report({ range: uses[0].range, message: 'This stage uses both `curl` and `wget`: use one of them for every download' });
      }
    }
  },
});
