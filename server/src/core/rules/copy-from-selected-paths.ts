import { copyArgs } from '../copy-args';
import { defineRule } from '../define-rule';
import { imageFamily } from '../base-images';
import { flagValue, type DockerfileModel, type Stage } from '../model';
import { rootImage } from '../query';

/** `/`, `/.`, `./` and the like: the root of a filesystem. */
function isRoot(path: string): boolean {
  return /^\/?(\.\/?)*\/*$/.test(path) && path.startsWith('/');
}

/**
 * Whether `--from` names a full filesystem: a stage that runs commands or starts from an OS image, or
 * an official image by bare name. Stages built `FROM scratch` from copied files, and images made to be
 * copied from (`tonistiigi/xx`), hold only what was put there on purpose.
 */
function isFullFilesystem(model: DockerfileModel, from: string): boolean {
  const stage = model.stageRef(from);
  if (!stage) return /^[a-z0-9][a-z0-9._-]*$/.test(from) && !from.includes('.');
  for (let s: Stage | undefined = stage; s; s = s.baseStage) if (s.instructions.some((i) => i.keyword === 'RUN')) return true;
  const image = rootImage(stage);
  return image !== undefined && imageFamily(image) !== 'unknown' && imageFamily(image) !== 'distroless';
}

export default defineRule({
  id: 'copy-from-selected-paths',
  category: 'size',
  severity: 'warning',
  fixable: false,
  scope: 'all-stages',
  aliases: ['DL3067'],
  docs: {
    description: '`COPY --from` copies selected paths, not the whole filesystem of another stage onto `/`.',
    rationale:
      '`COPY --from=build / /` copies everything the other stage holds (compilers, package caches, sources) over this image\'s own files, undoing what a multi-stage build is for and replacing files such as `/etc/passwd` without notice. Copy the build output (`/app/bin`, `/out`) instead.',
    bad: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build / /\n',
    good: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/app /app\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3067', 'https://docs.docker.com/build/building/multi-stage/'],
    differences:
      'Only a full filesystem is reported: a stage that runs commands or starts from an OS image, or an official image named without a registry. A stage built `FROM scratch` out of copied files, a stage that only names an image, and images published to be copied from (`COPY --from=tonistiigi/xx / /`) hold just what was put there on purpose, so copying their root is not reported.',
  },
  check({ model, report }) {
    for (const instr of model.instructions) {
      const from = instr.keyword === 'COPY' ? flagValue(instr, 'from') : undefined;
      if (!from) continue;
      const args = copyArgs(model, instr);
      if (!args || !isRoot(args.dest.value) || !args.sources.some((s) => isRoot(s.value)) || !isFullFilesystem(model, from)) continue;
      report({
        range: instr.node.getInstructionRange(),
        message: `\`COPY --from=${from}\` copies the whole filesystem of \`${from}\` onto \`/\`: copy the paths you need`,
      });
    }
  },
});
