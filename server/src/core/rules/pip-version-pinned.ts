import { defineRule } from '../define-rule';
import { pipInstallOperands, pipSpec, unpinnedMessage, unpinnedPackages } from '../package-pins';

export default defineRule({
  id: 'pip-version-pinned',
  category: 'reproducibility',
  severity: 'warning',
  fixable: false,
  scope: 'all-stages',
  aliases: ['DL3013'],
  docs: {
    description: 'Packages that `pip install` names have a version (`flask==3.0.3`), or come from a requirements or constraints file.',
    rationale:
      'An unpinned `pip install flask` installs the newest release on the day of the build: a new major version can break the image without any change to the Dockerfile, and two builds of one commit can differ. Pin the version, or keep the versions in `requirements.txt` or a lock file and install with `-r`. Builder stages count too: the packages they install usually reach the image through `COPY --from`.',
    bad: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n',
    good: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3013', 'https://pip.pypa.io/en/stable/topics/repeatable-installs/'],
    differences:
      'A version from a variable counts only when the variable is set in the stage. Local paths, archives and URLs are not reported; VCS URLs need an `@revision`.',
  },
  check({ model, report }) {
    for (const p of unpinnedPackages(model, 'all-stages', pipInstallOperands, pipSpec)) {
      report({ range: p.word.range, message: unpinnedMessage(p, `${p.name}==<version>`) });
    }
  },
});
