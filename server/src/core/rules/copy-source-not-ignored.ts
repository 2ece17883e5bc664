import { contextPath, ignoreFileName, isContextExcluded, isPathExcluded } from '../context';
import { defineRule } from '../define-rule';
import { flagValue } from '../model';

const REMOTE = /^(?:https?:\/\/|git@|[a-z]+:\/\/)/i;

export default defineRule({
  id: 'copy-source-not-ignored',
  category: 'correctness',
  severity: 'warning',
  fixable: false,
  scope: 'all-stages',
  aliases: ['CopyIgnoredFile'],
  docs: {
    description: '`COPY` and `ADD` do not name sources that `.dockerignore` excludes from the build context.',
    rationale:
      'Files excluded by `.dockerignore` are never sent to the builder, so a `COPY` of one fails with "not found", or, for a folder or a pattern, silently copies less than it says. Either the ignore file or the `COPY` is wrong. The context is the Dockerfile\'s folder, and the ignore file is `<Dockerfile>.dockerignore` when it exists, else `.dockerignore`.',
    bad: 'FROM node:20-slim\nWORKDIR /app\nCOPY node_modules ./node_modules\n',
    good: 'FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\n',
    files: { '.dockerignore': 'node_modules\n', 'package.json': '{}', 'package-lock.json': '{}' },
    references: ['https://docs.docker.com/reference/build-checks/copy-ignored-file/', 'https://docs.docker.com/build/concepts/context/#dockerignore-files'],
  },
  check({ model, files, fileName, report }) {
    const ignoreFile = ignoreFileName(files, fileName);
    const content = files.read(ignoreFile);
    if (content === undefined) return;
    // The context root holds the Dockerfile itself (unless the build names another context).
    const entries = [...new Set([...(files.list('') ?? ['file', '.file']), fileName])];
    for (const instr of model.instructions) {
      if ((instr.keyword !== 'COPY' && instr.keyword !== 'ADD') || !instr.stage || flagValue(instr, 'from') !== undefined) continue;
      const node = instr.node as typeof instr.node & { getOpeningBracket?: () => unknown };
      if (node.getOpeningBracket?.()) continue;
      const args = instr.node.getArguments();
      if (args.some((a) => a.getValue().startsWith('<<'))) continue;
      for (const arg of args.slice(0, -1)) {
        const source = arg.getValue();
        if (source.includes('$') || REMOTE.test(source)) continue;
        const path = contextPath(source);
        const excluded = path === '.' ? isContextExcluded(content, entries) : isPathExcluded(content, path);
        if (!excluded) continue;
        report({
          range: arg.getRange(),
          message: `\`${instr.keyword}\` source \`${source}\` is excluded by \`${ignoreFile}\``,
        });
      }
    }
  },
});
