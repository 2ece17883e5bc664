import { copyArgs, pathBaseName, type CopyWord } from '../copy-args';
import { defineRule } from '../define-rule';
import { flagValue } from '../model';
import { stagesIn } from '../query';
import type { ShellCommand } from '../shell';

/** Archives that `ADD` extracts: tar, plain or compressed with gzip, bzip2, xz or zstd. */
const TAR_ARCHIVE = /\.(tar|tar\.(gz|bz2|xz|zst)|tgz|tbz2?|txz|tzst)$/i;

function isTarExtract(command: ShellCommand): boolean {
  if (command.name !== 'tar') return false;
  const values = command.args.map((w) => w.value);
  // The first word may be an old-style bundle without a dash (`tar xzf app.tgz`).
  if (values[0] !== undefined && /^[A-Za-z]*x[A-Za-z]*$/.test(values[0])) return true;
  return values.some((v) => /^-[A-Za-z]*x[A-Za-z]*$/.test(v) || v === '--extract' || v === '--get');
}

/** The file names a `COPY` can leave for `tar` to find: the source's name, or the destination's when it is a file path. */
function copiedNames(source: CopyWord, dest: CopyWord): string[] {
  const names = [pathBaseName(source.value), pathBaseName(source.raw.replace(/^["']|["']$/g, ''))];
  if (!/[/\\]["']?$/.test(dest.raw)) names.push(pathBaseName(dest.value), pathBaseName(dest.raw.replace(/^["']|["']$/g, '')));
  return names.filter((n) => n !== '');
}

export default defineRule({
  id: 'add-local-archives',
  category: 'size',
  severity: 'info',
  fixable: false,
  scope: 'shipped-stages',
  aliases: ['DL3010'],
  docs: {
    description: 'A local tar archive that a shipped stage extracts is added with `ADD`, not copied and then unpacked with `tar`.',
    rationale:
      '`COPY app.tar.gz` followed by `RUN tar -xzf app.tar.gz` stores the archive in one layer and its contents in the next, so the image carries both even if the archive is deleted later. `ADD app.tar.gz /opt/app/` extracts local tar archives (plain, gzip, bzip2, xz) straight into the layer. Builder stages may unpack however they like: their layers are not shipped.',
    bad: 'FROM debian:bookworm-slim\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt\n',
    good: 'FROM debian:bookworm-slim\nADD app.tar.gz /opt/\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3010', 'https://docs.docker.com/reference/dockerfile/#adding-local-tar-archives'],
    differences: 'hadolint reports every stage; this rule only the shipped ones, where the copied archive adds to the image size. Only tar archives count (what `ADD` extracts); the `COPY` is reported when a later `RUN` of the same stage extracts the file with `tar`.',
  },
  check({ model, report }) {
    for (const stage of stagesIn(model, 'shipped-stages')) {
      const copied: Array<{ word: CopyWord; names: string[] }> = [];
      for (const instr of stage.instructions) {
        if (instr.keyword === 'COPY' && !flagValue(instr, 'from')) {
          const args = copyArgs(model, instr);
          for (const source of args && !args.heredoc ? args.sources : []) {
            if (TAR_ARCHIVE.test(source.value) || TAR_ARCHIVE.test(source.raw.replace(/["']/g, ''))) copied.push({ word: source, names: copiedNames(source, args!.dest) });
          }
        }
        if (instr.keyword !== 'RUN' || copied.length === 0) continue;
        for (const command of model.shell(instr).commands) {
          if (!isTarExtract(command)) continue;
          const files = command.args.map((w) => pathBaseName(w.value.replace(/^--file=/, '')));
          for (const entry of copied.filter((c) => c.names.some((n) => files.includes(n)))) {
            copied.splice(copied.indexOf(entry), 1);
            report({
              range: { start: model.positionAt(entry.word.start), end: model.positionAt(entry.word.end) },
              message: `\`${entry.word.value}\` is copied and then extracted with \`tar\`, so the image keeps the archive too; \`ADD\` extracts local tar archives in one step`,
            });
          }
        }
      }
    }
  },
});
