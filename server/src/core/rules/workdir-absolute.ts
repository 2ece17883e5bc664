import { knownImageConfig } from '../base-images';
import { defineRule } from '../define-rule';
import type { Instr, Stage } from '../model';
import type { Fix } from '../types';

/** Absolute on Linux or Windows (`/app`, `\app`, `C:\app`, `C:/app`); a path starting with a variable counts as known-absolute. */
function isAbsolute(path: string): boolean {
  return /^(?:[/\\$]|[A-Za-z]:[/\\])/.test(path);
}

/** The working directory a stage starts in, when it is known: `/` for `scratch` and well-known OS images. */
function initialWorkdir(stage: Stage): string | undefined {
  let root = stage;
  while (root.baseStage) root = root.baseStage;
  if (root.isScratch) return '/';
  return root.image ? knownImageConfig(root.image)?.workdir : undefined;
}

function fixFor(instr: Instr, base: string | undefined): Fix | undefined {
  const arg = instr.node.getArguments()[0];
  if (base !== '/' || !arg) return undefined;
  const raw = instr.node.getArguments().length === 1 ? arg.getValue() : undefined;
  if (raw === undefined) return undefined;
  const quote = /^["']/.test(raw) ? raw[0] : '';
  const inner = raw.slice(quote.length).replace(/^(?:\.\/)+/, '');
  const absolute = `${quote}/${inner}`;
  return { title: `Use \`${absolute.replace(/^["']/, '')}\``, safety: 'safe', edits: () => [{ range: arg.getRange(), newText: absolute }] };
}

export default defineRule({
  id: 'workdir-absolute',
  category: 'reproducibility',
  severity: 'warning',
  fixable: 'safe',
  scope: 'all-stages',
  aliases: ['DL3000', 'WorkdirRelativePath'],
  docs: {
    description: 'The first `WORKDIR` of a stage is an absolute path.',
    rationale:
      'A relative `WORKDIR` is resolved against the working directory of the base image, which the Dockerfile does not show and which can change when the base image is updated: `WORKDIR app` means `/app` on one image and `/usr/src/app` on another. Once the stage has set an absolute `WORKDIR`, later relative ones are resolved against it and are fine. The fix makes the path absolute where the base image is known to start in `/` (`scratch`, `alpine`, `debian`, `ubuntu`, `busybox`).',
    bad: 'FROM node:20-slim\nWORKDIR app\nCOPY . .\n',
    good: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\n',
    references: [
      'https://docs.docker.com/reference/build-checks/workdir-relative-path/',
      'https://docs.docker.com/reference/dockerfile/#workdir',
      'https://github.com/hadolint/hadolint/wiki/DL3000',
    ],
    differences:
      'hadolint (DL3000) reports every relative `WORKDIR`; like BuildKit, this rule reports only the first `WORKDIR` of a stage (following `FROM <stage>` to the stages it is built on), since a relative one after an absolute one has a known result. A path that starts with a variable is not checked.',
  },
  check({ model, report }) {
    const workdirSet = new Map<Stage, boolean>();
    const check = (instr: Instr, set: boolean, base: string | undefined): boolean => {
      if (instr.keyword !== 'WORKDIR') return set;
      const arg = instr.node.getArguments()[0];
      // The text as written: `C:\app` keeps its backslash (the builder's unescaping depends on the escape character).
      const path = (arg ? model.textOf(arg.getRange()) : '').replace(/^["']/, '');
      if (!set && path && !isAbsolute(path)) {
        report({ range: instr.node.getArgumentsRange() ?? instr.range, message: `\`WORKDIR ${path.replace(/["']$/, "")}\` is relative to the base image's working directory`, fix: fixFor(instr, base) });
      }
      return true;
    };
    let loose = false;
    for (const instr of model.instructions) if (!instr.stage) loose = check(instr, loose, undefined);
    for (const stage of model.stages) {
      let set = stage.baseStage ? (workdirSet.get(stage.baseStage) ?? false) : false;
      const base = initialWorkdir(stage);
      for (const instr of stage.instructions) set = check(instr, set, base);
      workdirSet.set(stage, set);
    }
  },
});
