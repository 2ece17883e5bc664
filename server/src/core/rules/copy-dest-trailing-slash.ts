import { copyArgs } from '../copy-args';
import { defineRule } from '../define-rule';

export default defineRule({
  id: 'copy-dest-trailing-slash',
  category: 'correctness',
  severity: 'error',
  fixable: 'safe',
  scope: 'all-stages',
  aliases: ['DL3021'],
  docs: {
    description: 'A `COPY` or `ADD` with several sources copies into a folder written with a trailing `/`.',
    rationale:
      'With more than one source the destination must be a folder, and Docker only accepts it as one when it ends with `/`: `COPY package.json package-lock.json /app` fails the build. The trailing slash also tells the reader that the sources land inside `/app/`.',
    bad: 'FROM node:20-slim\nCOPY package.json package-lock.json /app\n',
    good: 'FROM node:20-slim\nCOPY package.json package-lock.json /app/\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3021', 'https://docs.docker.com/reference/dockerfile/#destination'],
    differences: 'hadolint checks `COPY` only; `ADD` has the same requirement and is checked too. A destination with a variable is not checked.',
  },
  check({ model, report }) {
    for (const instr of model.instructions) {
      if (!instr.stage) continue;
      const args = copyArgs(model, instr);
      if (!args || args.heredoc || args.sources.length < 2) continue;
      const dest = args.dest;
      if (/[/\\]$/.test(dest.value) || dest.value.includes('$') || dest.value === '') continue;
      const at = model.positionAt(dest.appendAt);
      report({
        range: { start: model.positionAt(dest.start), end: model.positionAt(dest.end) },
        message: `\`${instr.keyword}\` of ${args.sources.length} sources into \`${dest.value}\`: a destination folder must end with \`/\``,
        fix: { title: `Use \`${dest.value}/\``, safety: 'safe', edits: () => [{ range: { start: at, end: at }, newText: '/' }] },
      });
    }
  },
});
