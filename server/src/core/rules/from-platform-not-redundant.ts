import { globalArgs } from '../build-args';
import { defineRule } from '../define-rule';
import { flagsOf } from '../model';

export default defineRule({
  id: 'from-platform-not-redundant',
  category: 'maintainability',
  severity: 'info',
  fixable: 'safe',
  scope: 'all-stages',
  aliases: ['DL3065', 'RedundantTargetPlatform'],
  docs: {
    description: '`FROM` has no `--platform=$TARGETPLATFORM`, which is the default.',
    rationale:
      'A stage is built for the target platform unless `--platform` says otherwise, so `--platform=$TARGETPLATFORM` changes nothing and makes the reader look for a reason. Keep `--platform` for the stages that really run elsewhere, such as `--platform=$BUILDPLATFORM` for a cross-compiling builder. The fix removes the flag.',
    bad: 'FROM --platform=$TARGETPLATFORM alpine:3.20\nRUN apk add --no-cache curl\n',
    good: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
    references: ['https://docs.docker.com/reference/build-checks/redundant-target-platform/', 'https://github.com/hadolint/hadolint/wiki/DL3065', 'https://docs.docker.com/build/building/multi-platform/'],
  },
  check({ model, report }) {
    // A global `ARG TARGETPLATFORM=…` default makes the flag mean something else than the target.
    const redefined = globalArgs(model).values.get('TARGETPLATFORM') !== 'linux/amd64';
    for (const stage of model.stages) {
      const flag = flagsOf(stage.from).find((f) => f.getName().toLowerCase() === 'platform');
      const value = flag?.getValue()?.replace(/^(["'])(.*)\1$/, '$2');
      if (!flag || (value !== '$TARGETPLATFORM' && value !== '${TARGETPLATFORM}')) continue;
      const next = stage.from.node.getArguments()[0];
      const range = flag.getRange();
      report({
        range,
        message: `\`--platform=${value}\` is the default platform of a stage`,
        fix:
          // Without the flag the validator checks the image, so the fix is only offered for an image it accepts.
          redefined || !next || stage.resolvedImage === undefined || (!stage.image && !stage.isScratch && !stage.baseStage)
            ? undefined
            : { title: 'Remove `--platform`', safety: 'safe', edits: () => [{ range: { start: range.start, end: next.getRange().start }, newText: '' }] },
      });
    }
  },
});
