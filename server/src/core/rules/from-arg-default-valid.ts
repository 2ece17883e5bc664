import { globalArgs } from '../build-args';
import { defineRule } from '../define-rule';
import { parseImageRef } from '../image-ref';
import { expandWithDefaults, hasVariables, variableReferences } from '../variables';

export default defineRule({
  id: 'from-arg-default-valid',
  category: 'correctness',
  severity: 'warning',
  fixable: false,
  scope: 'all-stages',
  aliases: ['InvalidDefaultArgInFrom'],
  docs: {
    description: 'With the default values of the global `ARG`s, every `FROM` names a valid image.',
    rationale:
      'A `FROM` built from `ARG`s should work without `--build-arg`: a build that forgets the argument, a scanner, a dependency bot or an editor resolving the base image only sees the defaults. `ARG VERSION` without a default turns `FROM busybox:$VERSION` into `busybox:`, which is not an image name. Give the `ARG` a default.',
    bad: 'ARG VERSION\nFROM busybox:$VERSION\n',
    good: 'ARG VERSION=1.36\nFROM busybox:$VERSION\n',
    references: ['https://docs.docker.com/reference/build-checks/invalid-default-arg-in-from/', 'https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact'],
    differences: 'BuildKit also reports a `FROM` without variables that names an invalid image; here only `FROM` lines with variables are checked (other invalid names are syntax errors).',
  },
  check({ model, report }) {
    const { values, unknown } = globalArgs(model);
    for (const stage of model.stages) {
      if (!hasVariables(stage.imageText) || variableReferences(stage.imageText).some((r) => unknown.has(r.name))) continue;
      const resolved = expandWithDefaults(stage.imageText, (name) => values.get(name));
      if (resolved === undefined || parseImageRef(resolved)) continue;
      report({
        range: stage.imageRange,
        message:
          resolved === ''
            ? `With the \`ARG\` defaults, \`${stage.imageText}\` is empty`
            : `With the \`ARG\` defaults, \`${stage.imageText}\` is \`${resolved}\`, which is not a valid image name`,
      });
    }
  },
});
