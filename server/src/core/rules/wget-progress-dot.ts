import { imageFamily } from '../base-images';
import { defineRule } from '../define-rule';
import { commandsIn, insertAfterWord, installsPackage, isWindowsStage, rootImage } from '../query';
import type { ShellCommand } from '../shell';

/** wget's short options that take a value (the rest of the cluster, or the next word). */
const SHORT_WITH_VALUE = new Set(['O', 'o', 'a', 'P', 'U', 'T', 't', 'w', 'l', 'e', 'i', 'B', 'A', 'R', 'D', 'X', 'I', 'Q', 'Y']);
/** Options that keep the download progress out of the build log. */
const QUIET_SHORT = new Set(['q', 'o', 'a']);
const QUIET_LONG = /^--(progress|quiet|no-verbose|output-file|append-output)(=|$)/;

function isQuiet(command: ShellCommand): boolean {
  for (const word of command.args) {
    const v = word.value;
    if (v === '--') return false;
    if (QUIET_LONG.test(v) || v === '-nv') return true;
    if (!/^-[a-zA-Z]/.test(v)) continue;
    for (const ch of v.slice(1)) {
      if (QUIET_SHORT.has(ch)) return true;
      if (SHORT_WITH_VALUE.has(ch) || !/[a-zA-Z]/.test(ch)) break;
    }
  }
  return false;
}

export default defineRule({
  id: 'wget-progress-dot',
  category: 'maintainability',
  severity: 'info',
  fixable: 'safe',
  scope: 'all-stages',
  aliases: ['DL3047'],
  docs: {
    description: '`wget` runs with `--progress=dot:giga` (or `-q`, `-nv`, or a log file), so that downloads do not flood the build log.',
    rationale:
      'Without a terminal, GNU wget prints a dot for every kilobyte: a 100 MB download writes thousands of lines into the build output, which slows CI logs and hides the lines that matter. `--progress=dot:giga` prints a line per 32 MB.',
    bad: 'FROM debian:bookworm-slim\nRUN wget https://example.com/app.tar.gz\n',
    good: 'FROM debian:bookworm-slim\nRUN wget --progress=dot:giga https://example.com/app.tar.gz\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3047', 'https://www.gnu.org/software/wget/manual/wget.html#Download-Options'],
    differences:
      'Stages on Alpine or BusyBox images are not reported unless they install GNU wget: BusyBox wget has no `--progress` option and prints a single progress line anyway. On Windows images `wget` is PowerShell\'s `Invoke-WebRequest` and is not reported. The fix is offered where GNU wget is known to be the `wget` (Debian, Ubuntu and Red Hat family images, or wget installed by a package manager).',
  },
  check({ model, report }) {
    for (const { instr, command } of commandsIn(model, 'all-stages')) {
      if (command.name !== 'wget' || isQuiet(command)) continue;
      const stage = instr.stage;
      // PowerShell's `wget` is Invoke-WebRequest.
      if ((stage && isWindowsStage(stage)) || command.args.some((w) => /^-(Uri|OutFile|UseBasicParsing)$/i.test(w.value))) continue;
      const image = stage && rootImage(stage);
      const family = image ? imageFamily(image) : 'unknown';
      const gnuInstalled = stage !== undefined && installsPackage(model, stage, 'wget', instr.onbuild ?? instr);
      if ((family === 'alpine' || family === 'busybox') && !gnuInstalled) continue;
      const gnu = gnuInstalled || family === 'debian' || family === 'rhel';
      report({
        range: command.range,
        message: '`wget` without `--progress=dot:giga` floods the build log with progress dots',
        fix: gnu ? { title: 'Add `--progress=dot:giga`', safety: 'safe', edits: () => [insertAfterWord(model, command.words[0], ' --progress=dot:giga')] } : undefined,
      });
    }
  },
});
