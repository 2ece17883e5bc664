import { defineRule } from '../define-rule';
import { instructionLines } from '../edits';
import type { Instr } from '../model';
import { aptCommand } from '../package-managers';
import { runsIn } from '../query';
import { commandStart, joinContinuations } from '../shell';
import type { Edit } from '../types';

const USES_LISTS = ['install', 'upgrade', 'dist-upgrade', 'build-dep', 'source', 'download'];

export default defineRule({
  id: 'apt-update-with-install',
  category: 'build-cache',
  severity: 'warning',
  fixable: 'safe',
  scope: 'all-stages',
  aliases: [],
  docs: {
    description: '`apt-get update` runs in the same `RUN` as the `apt-get install` that needs it.',
    rationale:
      'Docker caches each `RUN` separately. A lone `RUN apt-get update` stays cached for months while a later `RUN apt-get install` changes, so the install runs against stale package lists and fails with 404s or installs outdated, vulnerable versions.',
    bad: 'FROM debian:bookworm-slim\nRUN apt-get update\nCOPY app.conf /etc/app.conf\nRUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    good: 'FROM debian:bookworm-slim\nCOPY app.conf /etc/app.conf\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    references: ['https://docs.docker.com/build/building/best-practices/#apt-get'],
  },
  check({ model, report }) {
    const runs = runsIn(model, 'all-stages');
    for (const instr of runs) {
      const script = model.shell(instr);
      const update = script.commands.find((c) => aptCommand(c, ['update']));
      if (!update || script.commands.some((c) => aptCommand(c, USES_LISTS))) continue;
      const onlyUpdate = script.commands.every((c) => aptCommand(c, ['update'])) && !script.heredoc && !script.execForm;
      const next = runs.find((r): r is Instr => r.stage === instr.stage && r.index > instr.index && model.shell(r).commands.some((c) => aptCommand(c, USES_LISTS)));
      let fix;
      if (onlyUpdate && next) {
        const nextScript = model.shell(next);
        const start = commandStart(model, next);
        if (start !== undefined && nextScript.ok && !nextScript.execForm && !nextScript.heredoc) {
          const hasUpdate = nextScript.commands.some((c) => aptCommand(c, ['update']));
          const at = model.positionAt(start);
          const edits: Edit[] = [{ range: instructionLines(model, instr), newText: '' }];
          // Keep the update's own options (`-o Acquire::…`, `-q`) and wrappers (`sudo`).
          const updates = script.commands.map((c) => joinContinuations(model.text, c.start, c.end, model.escapeChar).text.replace(/[ \t]+/g, ' '));
          if (!hasUpdate) edits.push({ range: { start: at, end: at }, newText: `${updates.join(' && ')} && ` });
          fix = { title: 'Move `apt-get update` into the `RUN` that installs', safety: 'safe' as const, edits: () => edits };
        }
      }
      report({
        range: update.range,
        message: '`apt-get update` in a `RUN` without `apt-get install` leaves a stale cached package list',
        fix,
      });
    }
  },
});
