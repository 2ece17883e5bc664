import { defineRule } from '../define-rule';
import { npmInstallOperands, npmSpec, unpinnedMessage, unpinnedPackages } from '../package-pins';

export default defineRule({
  id: 'npm-version-pinned',
  category: 'reproducibility',
  severity: 'warning',
  fixable: false,
  scope: 'all-stages',
  aliases: ['DL3016'],
  docs: {
    description: 'Packages that `npm install <package>` names have a version (`typescript@5.6.3`); git dependencies name a commit or tag.',
    rationale:
      'An unpinned `npm install -g typescript` installs the newest release on the day of the build, so a new major version can break the image without any change on your side. Pin the version. Dependencies from `package.json` and a lockfile (`npm ci`, plain `npm install`) are already pinned and not reported. Dist-tags such as `@latest` move like no version at all.',
    bad: 'FROM node:20-slim\nRUN npm install -g typescript\n',
    good: 'FROM node:20-slim\nRUN npm install -g typescript@5.6.3\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3016', 'https://docs.npmjs.com/cli/commands/npm-install'],
    differences:
      'hadolint accepts any `@…` suffix; this rule also reports the moving dist-tags `@latest` and `@next`. A version from a variable counts only when the variable is set in the stage.',
  },
  check({ model, report }) {
    for (const p of unpinnedPackages(model, 'all-stages', npmInstallOperands, npmSpec)) {
      report({ range: p.word.range, message: unpinnedMessage(p, `${p.name}@<version>`) });
    }
  },
});
