import { copyArgs } from '../copy-args';
import { defineRule } from '../define-rule';
import { flagsOf } from '../model';

const REMOTE = /^(https?:\/\/|git@|git:\/\/|ssh:\/\/)/i;
/** Names of files `ADD` may extract: it recognises tar archives by their content, plain or compressed, so any compressed file may be one. */
const ARCHIVE = /\.(tar|tgz|tbz2?|txz|tzst|gz|bz2|xz|zst)$/i;
const ADD_ONLY_FLAGS = new Set(['checksum', 'keep-git-dir', 'unpack']);
const COPY_FLAGS = new Set(['chown', 'chmod', 'link', 'exclude', 'parents']);

export default defineRule({
  id: 'copy-local-files',
  category: 'maintainability',
  severity: 'warning',
  fixable: 'safe',
  scope: 'all-stages',
  aliases: ['DL3020'],
  docs: {
    description: 'Local files and folders are copied with `COPY`, not `ADD`.',
    rationale:
      '`ADD` also downloads URLs and unpacks archives. Using it for plain files hides that magic: a file that later becomes a `.tar.gz` is silently extracted. `COPY` does exactly one thing; keep `ADD` for the cases that need it.',
    bad: 'FROM alpine:3.20\nADD app.conf /etc/app.conf\n',
    good: 'FROM alpine:3.20\nCOPY app.conf /etc/app.conf\n',
    references: ['https://docs.docker.com/build/building/best-practices/#add-or-copy', 'https://github.com/hadolint/hadolint/wiki/DL3020'],
  },
  check({ model, report }) {
    for (const instr of model.instructions) {
      if (instr.keyword !== 'ADD' || !instr.stage) continue;
      const sources = copyArgs(model, instr)?.sources.map((w) => w.value);
      if (!sources || sources.length === 0) continue;
      if (sources.some((s) => REMOTE.test(s) || ARCHIVE.test(s) || s.includes('$'))) continue;
      // Flags COPY does not take (or takes once) would turn into syntax errors.
      const names = flagsOf(instr).map((f) => f.getName().toLowerCase());
      const addOnly = names.some((n) => ADD_ONLY_FLAGS.has(n) || !COPY_FLAGS.has(n)) || new Set(names).size !== names.length;
      const keyword = instr.node.getInstructionRange();
      report({
        range: keyword,
        message: '`ADD` of local files; use `COPY`',
        fix: addOnly ? undefined : { title: 'Use `COPY`', safety: 'safe', edits: () => [{ range: keyword, newText: 'COPY' }] },
      });
    }
  },
});
