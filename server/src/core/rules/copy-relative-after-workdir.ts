import { copyArgs } from '../copy-args';
import { defineRule } from '../define-rule';
import type { Instr, Stage } from '../model';

/** `/x`, `\x`, `c:\x`, `c:/x`, or a variable (resolved at build time). */
function isAbsoluteOrVariable(path: string): boolean {
  return /^([/\\]|[a-zA-Z]:[/\\]|\$)/.test(path);
}

/** Whether a `WORKDIR` is in effect for an instruction: earlier in its stage or in a stage it is built from. */
function hasWorkdir(stage: Stage, instr: Instr): boolean {
  for (let s: Stage | undefined = stage; s; s = s.baseStage) {
    for (const i of s.instructions) {
      if (s === stage && i.index >= instr.index && !instr.onbuild) break;
      // A trigger runs in a child image: every `WORKDIR` of its stage comes before it, and `ONBUILD WORKDIR`s before it too.
      if (i.keyword === 'WORKDIR' || (instr.onbuild && i.trigger?.keyword === 'WORKDIR' && i.index < instr.index)) return true;
    }
  }
  return false;
}

export default defineRule({
  id: 'copy-relative-after-workdir',
  category: 'maintainability',
  severity: 'info',
  fixable: false,
  scope: 'all-stages',
  aliases: ['DL3045'],
  docs: {
    description: '`COPY` and `ADD` to a relative destination come after a `WORKDIR` of their stage.',
    rationale:
      'A relative destination is resolved against the working directory, which without a `WORKDIR` is whatever the base image set, often `/`. The files land somewhere that changes when the base image does; a `WORKDIR` (or an absolute destination) says where they go.',
    bad: 'FROM node:22-slim\nCOPY package.json .\n',
    good: 'FROM node:22-slim\nWORKDIR /app\nCOPY package.json .\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3045', 'https://docs.docker.com/reference/dockerfile/#workdir'],
    differences: 'hadolint checks `COPY` only; `ADD` resolves its destination the same way and is checked too.',
  },
  check({ model, report }) {
    for (const instr of model.instructions) {
      const target = instr.keyword === 'COPY' || instr.keyword === 'ADD' ? instr : instr.trigger;
      if (!target || (target.keyword !== 'COPY' && target.keyword !== 'ADD')) continue;
      const args = copyArgs(model, target);
      if (!args || args.dest.value === '' || isAbsoluteOrVariable(args.dest.value) || isAbsoluteOrVariable(args.dest.raw.replace(/^["']/, ''))) continue;
      if (instr.stage && hasWorkdir(instr.stage, target)) continue;
      report({
        range: { start: model.positionAt(args.dest.start), end: model.positionAt(args.dest.end) },
        message: `\`${target.keyword}\` to the relative path \`${args.dest.value}\` with no \`WORKDIR\` set: it depends on the base image's working directory`,
      });
    }
  },
});
