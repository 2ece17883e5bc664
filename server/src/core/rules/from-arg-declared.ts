import { fromScope, platformRange, referencesIn, type PlacedReference } from '../build-args';
import { defineRule } from '../define-rule';
import { suggest } from '../suggest';

export default defineRule({
  id: 'from-arg-declared',
  category: 'correctness',
  severity: 'warning',
  fixable: 'unsafe',
  scope: 'all-stages',
  aliases: ['UndefinedArgInFrom'],
  docs: {
    description: 'Variables in a `FROM` line are declared by an `ARG` before the first `FROM` (or are automatic platform arguments).',
    rationale:
      'A `FROM` line only sees the global `ARG`s, those before the first `FROM`, and the automatic ones such as `BUILDPLATFORM` and `TARGETARCH`. Any other variable is empty there, so `FROM node:${NODE_VERSION}` with a stage-level or misspelt `ARG` pulls `node:` or `latest`, or the build fails. When a declared name is close, the fix (to be reviewed) uses it.',
    bad: 'ARG NODE_VERSION=20\nFROM node:${NODE_VERSOIN}-slim\n',
    good: 'ARG NODE_VERSION=20\nFROM node:${NODE_VERSION}-slim\n',
    references: ['https://docs.docker.com/reference/build-checks/undefined-arg-in-from/', 'https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact'],
  },
  check({ model, report }) {
    const scope = fromScope(model);
    for (const stage of model.stages) {
      const platform = platformRange(stage.from);
      const refs: PlacedReference[] = [...(platform ? referencesIn(model, platform) : []), ...referencesIn(model, stage.imageRange)];
      const reported = new Set<string>();
      for (const ref of refs) {
        if (scope.has(ref.name) || reported.has(ref.name)) continue;
        reported.add(ref.name);
        const match = suggest(ref.name, scope);
        report({
          range: ref.nameRange,
          message: `\`${ref.name}\` is not declared by an \`ARG\` before the first \`FROM\`${match ? ` (did you mean \`${match}\`?)` : ''}`,
          fix: match
            ? { title: `Use \`${match}\``, safety: 'unsafe', edits: () => refs.filter((r) => r.name === ref.name).map((r) => ({ range: r.nameRange, newText: match })) }
            : undefined,
        });
      }
    }
  },
});
