import { imageFamily } from '../base-images';
import { defineRule } from '../define-rule';
import { insertLinesBefore } from '../edits';
import { stageShell, type Instr, type Stage } from '../model';
import { installsPackage, isWindowsStage, rootImage, runsIn } from '../query';
import { commandStart, pipelines, type ShellCommand } from '../shell';
import type { Fix } from '../types';

/** Shells whose `-o pipefail` is known to work; `sh` only where it is BusyBox ash. */
const PIPEFAIL_SHELLS = /^(bash|zsh|ksh|mksh|ash)$/;

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.exe$/i, '');
}

/** Whether the words set the `pipefail` option: `-o pipefail`, `-eo pipefail`, `-euxo pipefail`. */
function setsPipefail(words: string[]): boolean {
  return words.some((w, i) => w === 'pipefail' && i > 0 && /^-[a-zA-Z]*o$/.test(words[i - 1]));
}

function isBusyBox(stage: Stage): boolean {
  const image = rootImage(stage);
  const family = image ? imageFamily(image) : 'unknown';
  return family === 'alpine' || family === 'busybox';
}

/** Whether the `SHELL` in effect for the instruction runs with pipefail. */
function shellHasPipefail(stage: Stage, instr: Instr): boolean {
  const shell = stageShell(stage, instr);
  if (!shell || !setsPipefail(shell)) return false;
  const name = basename(shell[0] ?? '');
  return PIPEFAIL_SHELLS.test(name) || (name === 'sh' && isBusyBox(stage));
}

function isSetPipefail(command: ShellCommand): boolean {
  return command.name === 'set' && setsPipefail(command.args.map((w) => w.value));
}

export default defineRule({
  id: 'shell-pipefail',
  category: 'correctness',
  severity: 'warning',
  fixable: 'unsafe',
  scope: 'all-stages',
  aliases: ['DL4006'],
  docs: {
    description: 'A `RUN` with a pipe runs with `pipefail`: from `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` or `set -o pipefail` before the pipe.',
    rationale:
      'A pipeline\'s status is that of its last command, so in `curl -fsSL https://example.com/install.sh | sh` a failed download is piped into `sh` as an empty script and the build carries on without the software. With `pipefail` the pipeline fails when any of its commands does.',
    bad: 'FROM debian:bookworm-slim\nRUN curl -fsSL https://example.com/install.sh | sh\n',
    good: 'FROM debian:bookworm-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/install.sh | sh\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL4006', 'https://docs.docker.com/build/building/best-practices/#using-pipes'],
    differences:
      'On Alpine and BusyBox images `/bin/sh` is BusyBox ash, which supports `pipefail`, so `SHELL ["/bin/sh", "-o", "pipefail", "-c"]` counts there. The fix (unsafe: failures that were hidden now fail the build) adds `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the first such `RUN` of the stage where the image has bash, and puts `set -o pipefail &&` in front of the `RUN` on Alpine and BusyBox images without bash; elsewhere there is no fix.',
  },
  check({ model, report }) {
    const firstInStage = new Map<Stage, Instr>();
    for (const instr of runsIn(model, 'all-stages')) {
      const stage = instr.stage;
      const pipes = pipelines(model, instr);
      if (!stage || pipes.length === 0 || isWindowsStage(stage)) continue;
      const first = pipes[0];
      if (shellHasPipefail(stage, instr.onbuild ?? instr)) continue;
      if (model.shell(instr).commands.some((c) => isSetPipefail(c) && c.start < first.start)) continue;
      if (!instr.onbuild && !firstInStage.has(stage)) firstInStage.set(stage, instr);
      report({
        range: { start: model.positionAt(first.start), end: model.positionAt(first.end) },
        message: 'A pipe hides the failure of every command but the last: run this `RUN` with `pipefail`',
        fix: fixFor(stage, instr, firstInStage.get(stage)),
      });
    }

    function fixFor(stage: Stage, instr: Instr, firstRun: Instr | undefined): Fix | undefined {
      const image = rootImage(stage);
      const family = image ? imageFamily(image) : 'unknown';
      const script = model.shell(instr);
      if (firstRun && !instr.onbuild && (family === 'debian' || family === 'rhel' || installsPackage(model, stage, 'bash', firstRun))) {
        const edit = insertLinesBefore(model, firstRun, ['SHELL ["/bin/bash", "-o", "pipefail", "-c"]']);
        return { title: 'Add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the first `RUN` with a pipe', safety: 'unsafe', edits: () => [edit] };
      }
      const at = commandStart(model, instr);
      if ((family === 'alpine' || family === 'busybox') && !script.heredoc && !script.execForm && at !== undefined) {
        const pos = model.positionAt(at);
        return { title: 'Run `set -o pipefail` first in this `RUN`', safety: 'unsafe', edits: () => [{ range: { start: pos, end: pos }, newText: 'set -o pipefail && ' }] };
      }
      return undefined;
    }
  },
});
