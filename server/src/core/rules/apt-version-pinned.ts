import { defineRule } from '../define-rule';
import { aptInstallOperands, aptSpec, unpinnedMessage, unpinnedPackages } from '../package-pins';

export default defineRule({
  id: 'apt-version-pinned',
  category: 'reproducibility',
  severity: 'info',
  fixable: false,
  scope: 'shipped-stages',
  aliases: ['DL3008'],
  docs: {
    description: 'Packages that `apt-get install` puts into a shipped stage name a version (`curl=7.88.1-10+deb12u8`).',
    rationale:
      'Without a version, `apt-get install` takes whatever the mirror holds on the day of the build, so two builds of the same Dockerfile can ship different software and an upgrade arrives unreviewed. A pin makes the change visible in the Dockerfile. The cost: Debian and Ubuntu drop superseded versions from their mirrors, so pins need updating when a build fails. That is why this rule is informational and leaves builder stages alone: their packages do not end up in the image.',
    bad: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    good: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 && rm -rf /var/lib/apt/lists/*\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3008', 'https://docs.docker.com/build/building/best-practices/#apt-get'],
    differences:
      'hadolint reports every stage and only `apt-get`; this rule only reports the shipped stages (builder stages install build tools that do not end up in the image) and also checks `apt install`. A version from a variable counts only when the variable is set in the stage (an `ARG` or `ENV` of the stage or of the stages it is built from). Local `.deb` files are not reported; `pkg/release` picks a release, not a version.',
  },
  check({ model, report }) {
    for (const p of unpinnedPackages(model, 'shipped-stages', aptInstallOperands, aptSpec)) {
      report({ range: p.word.range, message: unpinnedMessage(p, `${p.name}=<version>`) });
    }
  },
});
