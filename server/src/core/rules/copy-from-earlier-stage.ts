import { defineRule } from '../define-rule';
import { flagsOf, type Stage } from '../model';

/** Whether a `--from` value is an image reference rather than a stage name (stage names have no `/`, `:` or `@`). */
function isImageReference(value: string): boolean {
  return /[/:@]/.test(value);
}

export default defineRule({
  id: 'copy-from-earlier-stage',
  category: 'correctness',
  severity: 'error',
  fixable: false,
  scope: 'all-stages',
  aliases: ['DL3022', 'DL3023'],
  docs: {
    description: '`COPY --from` names a stage defined before the current one (or an image with a tag).',
    rationale:
      'Docker looks up `--from=name` among the stages above the current one; any other name is taken as an image to pull. A typo, a stage defined further down or the current stage itself therefore fails the build with a confusing pull error, or silently copies from an unrelated public image of that name.',
    bad: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=builder /out/app /app\n',
    good: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/app /app\n',
    references: [
      'https://github.com/hadolint/hadolint/wiki/DL3022',
      'https://github.com/hadolint/hadolint/wiki/DL3023',
      'https://docs.docker.com/reference/dockerfile/#copy---from',
    ],
    differences:
      'One rule for hadolint\'s DL3022 (unknown stage) and DL3023 (own stage). A `--from` value with `/`, `:` or `@` is an image reference and accepted (hadolint only accepts one with `:`); a value with a variable is not checked.',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      for (const instr of stage.instructions) {
        if (instr.keyword !== 'COPY') continue;
        const flag = flagsOf(instr).find((f) => f.getName().toLowerCase() === 'from');
        const value = flag?.getValue()?.replace(/^["']|["']$/g, '');
        if (!flag || !value || value.includes('$') || isImageReference(value)) continue;
        const target: Stage | undefined = model.stageRef(value);
        if (target && target.index < stage.index) continue;
        const message =
          target === stage
            ? `\`--from=${value}\` names the current stage; a stage cannot copy from itself`
            : target
              ? `\`--from=${value}\` names a stage defined later; only earlier stages can be copied from`
              : `\`--from=${value}\` names no earlier stage, so Docker pulls an image called \`${value}\``;
        report({ range: flag.getRange(), message });
      }
    }
  },
});
