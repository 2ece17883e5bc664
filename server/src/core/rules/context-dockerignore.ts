import { defineRule } from '../define-rule';
import { ignoreFileName, isIgnored, wholeContextCopies } from '../context';
import { detectEcosystems, ignoreEntries } from '../ecosystems';
import type { Edit } from '../types';

export default defineRule({
  id: 'context-dockerignore',
  category: 'security',
  severity: 'warning',
  fixable: 'unsafe',
  scope: 'file',
  aliases: [],
  docs: {
    description: 'A Dockerfile that copies its whole build context has a `.dockerignore` that excludes `.git`, `.env` and the dependency folder.',
    rationale:
      '`COPY . .` copies everything in the build context: the `.git` history, local `.env` secrets, and a host `node_modules` or virtualenv built for another platform. That leaks credentials into the image, makes it larger, and invalidates the build cache on every commit. The context is the Dockerfile\'s folder here.',
    bad: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\n',
    good: 'FROM node:20-slim\nWORKDIR /app\nCOPY index.js ./\n',
    references: ['https://docs.docker.com/build/concepts/context/#dockerignore-files', 'https://docs.docker.com/build/building/best-practices/#exclude-with-dockerignore'],
  },
  check({ model, files, fileName, report }) {
    const copies = wholeContextCopies(model);
    if (copies.length === 0 || files.list('') === undefined) return;
    const name = ignoreFileName(files, fileName);
    const content = files.read(name);
    const { required, extra } = ignoreEntries(detectEcosystems(model, files));
    const range = copies[0].range;
    if (content === undefined) {
      const body = [...required, ...extra].join('\n') + '\n';
      const edit: Edit = { file: name, createFile: true, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: body };
      report({
        range,
        message: `\`${copies[0].keyword} .\` copies the whole build context and there is no \`.dockerignore\``,
        fix: { title: 'Create `.dockerignore`', safety: 'unsafe', edits: () => [edit] },
      });
      return;
    }
    const missing = required.filter((entry) => !isIgnored(content, entry));
    if (missing.length === 0) return;
    const lines = content.split('\n');
    const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
    const nl = content.includes('\r\n') ? '\r\n' : '\n';
    const prefix = content === '' || content.endsWith('\n') ? '' : nl;
    const edit: Edit = { file: name, range: { start: end, end }, newText: prefix + missing.join(nl) + nl };
    report({
      range,
      message: `\`${name}\` does not exclude ${missing.map((m) => `\`${m}\``).join(', ')}, which \`${copies[0].keyword} .\` would copy`,
      fix: { title: `Add ${missing.map((m) => `\`${m}\``).join(', ')} to \`${name}\``, safety: 'unsafe', edits: () => [edit] },
    });
  },
});
